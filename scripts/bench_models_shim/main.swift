// Runs Benchmarks/TurnoutModelsBenchmarks with the stand-in `Benchmark` module and prints one
// JSON object per benchmark: {"name": ..., "median_ns": ..., "samples": ...}.
import Benchmark
import Foundation

let arguments = CommandLine.arguments
let seconds = arguments.count > 1 ? Int(arguments[1]) ?? 2 : 2
let filter = arguments.count > 2 ? arguments[2] : nil
benchmarks()
for (name, median, samples) in Benchmark.runAll(filter: filter, duration: .seconds(seconds)) {
    print(#"{"name": "\#(name)", "median_ns": \#(median), "samples": \#(samples)}"#)
}
