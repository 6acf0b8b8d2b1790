import Foundation

extension XGBoostObjective {
    /// Converts a stored `base_score` to margin space the way XGBoost's objectives do.
    ///
    /// XGBoost 2.x and 3.x store the intercept as a probability for the logistic objectives and
    /// convert it with the logit in single precision (`-log(1 / p - 1)`); the squared-error and
    /// softmax objectives use it unchanged.
    func margin(fromBaseScore score: Float) -> Float {
        isLogistic ? -logf(1 / score - 1) : score
    }

    /// XGBoost's single-precision sigmoid (`common::Sigmoid`), clamped so `expf` cannot overflow.
    @inline(__always)
    static func sigmoid(_ margin: Float) -> Float {
        let epsilon: Float = 1e-16
        let denominator = expf(min(-margin, 88.7)) + 1 + epsilon
        return 1 / denominator
    }

    /// XGBoost's softmax (`common::Softmax`): exponentials in single precision, the sum in double.
    @inline(__always)
    static func softmax(_ values: UnsafeMutablePointer<Float>, count: Int) {
        var largest = values[0]
        for index in 1..<count { largest = max(values[index], largest) }
        var sum: Double = 0
        for index in 0..<count {
            values[index] = expf(values[index] - largest)
            sum += Double(values[index])
        }
        let total = Float(sum)
        for index in 0..<count { values[index] /= total }
    }

    /// The index of the first largest value, as XGBoost's `multi:softmax` picks it.
    @inline(__always)
    static func argmax(_ values: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        for index in 1..<count where values[index] > values[best] { best = index }
        return best
    }
}
