// Runs this suite with the stand-in `Benchmark` module of scripts/bench_models_shim, which
// scripts/bench_dataplane builds when package-benchmark cannot be resolved, and prints one JSON
// object per benchmark: {"name", "median_ns", "cpu_ns", "mallocs", "samples"}, per request.
import Benchmark
import MallocCounter

let arguments = CommandLine.arguments
let seconds = arguments.count > 1 ? Int(arguments[1]) ?? 2 : 2
let filter = arguments.count > 2 ? arguments[2] : nil
Benchmark.allocationCount = { turnout_malloc_count() }
benchmarks()
for result in Benchmark.runAllMeasured(filter: filter, duration: .seconds(seconds)) {
    let mallocs = result.allocations.map { "\($0)" } ?? "null"
    print(
        #"{"name": "\#(result.name)", "median_ns": \#(result.wallNanoseconds), "cpu_ns": \#(result.cpuNanoseconds), "#
            + #""mallocs": \#(mallocs), "samples": \#(result.samples)}"#)
}
