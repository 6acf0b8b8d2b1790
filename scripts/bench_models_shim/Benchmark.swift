// A minimal stand-in for the parts of package-benchmark's `Benchmark` module (1.38.1) that
// Benchmarks/TurnoutModelsBenchmarks uses, so scripts/bench_models can compile and time the
// very same benchmark bodies with plain `swiftc` when package-benchmark cannot be resolved
// (its 1.38.1 manifest needs swift-runtime-interposer on Linux with Swift 6.3).
// It reports the median wall-clock time per scaled iteration and, through `runAllMeasured`, the
// median process CPU time and, when the harness counts them, allocations per scaled iteration.
import Foundation

public enum BenchmarkMetric: Hashable, Sendable {
    case wallClock, throughput, mallocCountTotal, cpuTotal
}

public enum BenchmarkScalingFactor: Int, Sendable {
    case one = 1
    case kilo = 1_000
    case mega = 1_000_000
}

public func blackHole(_: some Any) {}

public final class Benchmark {
    public typealias BenchmarkClosure = (_ benchmark: Benchmark) -> Void

    public struct Configuration {
        public var metrics: [BenchmarkMetric]
        public var warmupIterations: Int
        public var scalingFactor: BenchmarkScalingFactor
        public var maxDuration: Duration
        public var maxIterations: Int

        public init(
            metrics: [BenchmarkMetric] = [.wallClock],
            warmupIterations: Int = 1,
            scalingFactor: BenchmarkScalingFactor = .one,
            maxDuration: Duration = .seconds(1),
            maxIterations: Int = 10_000
        ) {
            self.metrics = metrics
            self.warmupIterations = warmupIterations
            self.scalingFactor = scalingFactor
            self.maxDuration = maxDuration
            self.maxIterations = maxIterations
        }
    }

    nonisolated(unsafe) public static var registered: [Benchmark] = []
    /// The process's allocations so far, when the harness counts them (scripts/bench_dataplane
    /// links an allocator that does); nil leaves allocations out of `runAllMeasured`.
    nonisolated(unsafe) public static var allocationCount: (() -> Int)?

    public let name: String
    public let configuration: Configuration
    let closure: BenchmarkClosure

    public var scaledIterations: Range<Int> { 0..<configuration.scalingFactor.rawValue }

    @discardableResult
    public init?(_ name: String, configuration: Configuration = .init(), closure: @escaping BenchmarkClosure) {
        self.name = name
        self.configuration = configuration
        self.closure = closure
        Benchmark.registered.append(self)
    }

    /// Runs every registered benchmark whose name contains `filter`; returns (name, median
    /// nanoseconds per scaled iteration, samples).
    public static func runAll(filter: String?, duration: Duration) -> [(String, Double, Int)] {
        var results: [(String, Double, Int)] = []
        for benchmark in registered where filter.map(benchmark.name.contains) ?? true {
            for _ in 0..<max(1, benchmark.configuration.warmupIterations) { benchmark.closure(benchmark) }
            var samples: [Double] = []
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: min(duration, benchmark.configuration.maxDuration))
            while clock.now < deadline && samples.count < benchmark.configuration.maxIterations {
                let start = clock.now
                benchmark.closure(benchmark)
                let elapsed = clock.now - start
                let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
                samples.append(nanoseconds / Double(benchmark.configuration.scalingFactor.rawValue))
            }
            samples.sort()
            results.append((benchmark.name, samples[samples.count / 2], samples.count))
        }
        return results
    }

    /// One benchmark's medians per scaled iteration.
    public struct Measurement {
        public var name: String
        public var wallNanoseconds: Double
        public var cpuNanoseconds: Double
        /// Nil when ``allocationCount`` is not set.
        public var allocations: Double?
        public var samples: Int
    }

    /// Runs every registered benchmark whose name contains `filter`, measuring wall-clock time,
    /// process CPU time and (when counted) allocations of each sample.
    public static func runAllMeasured(filter: String?, duration: Duration) -> [Measurement] {
        var results: [Measurement] = []
        for benchmark in registered where filter.map(benchmark.name.contains) ?? true {
            for _ in 0..<max(1, benchmark.configuration.warmupIterations) { benchmark.closure(benchmark) }
            let scale = Double(benchmark.configuration.scalingFactor.rawValue)
            var wall: [Double] = []
            var cpu: [Double] = []
            var allocations: [Double] = []
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: min(duration, benchmark.configuration.maxDuration))
            while clock.now < deadline && wall.count < benchmark.configuration.maxIterations {
                let allocationsBefore = allocationCount?() ?? 0
                let cpuBefore = processCPUNanoseconds()
                let start = clock.now
                benchmark.closure(benchmark)
                let elapsed = clock.now - start
                let cpuAfter = processCPUNanoseconds()
                let allocationsAfter = allocationCount?() ?? 0
                wall.append((Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9) / scale)
                cpu.append(Double(cpuAfter - cpuBefore) / scale)
                allocations.append(Double(allocationsAfter - allocationsBefore) / scale)
            }
            results.append(
                Measurement(
                    name: benchmark.name,
                    wallNanoseconds: median(wall),
                    cpuNanoseconds: median(cpu),
                    allocations: allocationCount == nil ? nil : median(allocations),
                    samples: wall.count
                ))
        }
        return results
    }

    private static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }

    private static func processCPUNanoseconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }
}
