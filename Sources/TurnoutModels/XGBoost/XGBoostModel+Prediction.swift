extension XGBoostModel {
    /// Predicts a batch of rows exactly as XGBoost's `predict` / `inplace_predict` would.
    ///
    /// - Parameters:
    ///   - rows: `rowCount * featureCount` features, row-major; NaN marks a missing value.
    ///   - rowCount: The number of rows.
    ///   - output: Room for `rowCount * outputsPerRow` values: a probability for the logistic
    ///     objectives, the value for `reg:squarederror`, one probability per class for
    ///     `multi:softprob`, the class index for `multi:softmax`.
    ///
    /// Allocates nothing per row; the buffers' sizes are checked once (a precondition).
    public func predict(rows: UnsafeBufferPointer<Float>, rowCount: Int, into output: UnsafeMutableBufferPointer<Float>) {
        checkBuffers(rows: rows.count, rowCount: rowCount, output: output.count, width: outputsPerRow)
        guard rowCount > 0, let rowBase = rows.baseAddress, let outputBase = output.baseAddress else { return }
        switch objective {
        case .binaryLogistic, .regressionLogistic:
            singleMargins(rows: rowBase, rowCount: rowCount, into: outputBase)
            for row in 0..<rowCount { outputBase[row] = XGBoostObjective.sigmoid(outputBase[row]) }
        case .regressionSquaredError:
            singleMargins(rows: rowBase, rowCount: rowCount, into: outputBase)
        case .multiClassProbabilities:
            predictMargins(rows: rows, rowCount: rowCount, into: output)
            for row in 0..<rowCount { XGBoostObjective.softmax(outputBase + row * groupCount, count: groupCount) }
        case .multiClassLabel:
            withUnsafeTemporaryAllocation(of: Float.self, capacity: groupCount) { scratch in
                let margins = scratch.baseAddress!
                withKernel { kernel in
                    for row in 0..<rowCount {
                        kernel.groupedMargins(row: rowBase + row * featureCount, bases: baseMargins, into: margins)
                        outputBase[row] = Float(XGBoostObjective.argmax(margins, count: groupCount))
                    }
                }
            }
        }
    }

    /// Predicts a batch of rows held in arrays (see the buffer-pointer variant).
    public func predict(rows: [Float], rowCount: Int, into output: inout [Float]) {
        rows.withUnsafeBufferPointer { rowBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                predict(rows: rowBuffer, rowCount: rowCount, into: outputBuffer)
            }
        }
    }

    /// Predicts one row of `featureCount` features and returns its `outputsPerRow` values.
    public func predict(row: [Float]) -> [Float] {
        var output = [Float](repeating: 0, count: outputsPerRow)
        predict(rows: row, rowCount: 1, into: &output)
        return output
    }

    /// Writes each row's raw margins (intercept plus leaf values, before the objective's
    /// transform): `rowCount * marginsPerRow` values, as XGBoost's `output_margin=True`.
    public func predictMargins(rows: UnsafeBufferPointer<Float>, rowCount: Int, into output: UnsafeMutableBufferPointer<Float>) {
        checkBuffers(rows: rows.count, rowCount: rowCount, output: output.count, width: groupCount)
        guard rowCount > 0, let rowBase = rows.baseAddress, let outputBase = output.baseAddress else { return }
        withKernel { kernel in
            for row in 0..<rowCount {
                kernel.groupedMargins(row: rowBase + row * featureCount, bases: baseMargins, into: outputBase + row * groupCount)
            }
        }
    }

    /// Writes class probabilities for a classifier: per row, the probability of class 1 for
    /// `binary:logistic`, or one probability per class for the multi-class objectives (also for
    /// `multi:softmax`, whose own `predict` gives only the label).
    ///
    /// - Precondition: `objective.isClassifier`.
    public func predictProbabilities(rows: UnsafeBufferPointer<Float>, rowCount: Int, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(objective.isClassifier, "predictProbabilities needs a classifier, not \(objective.rawValue)")
        if objective == .binaryLogistic {
            predict(rows: rows, rowCount: rowCount, into: output)
            return
        }
        predictMargins(rows: rows, rowCount: rowCount, into: output)
        guard let outputBase = output.baseAddress else { return }
        for row in 0..<rowCount { XGBoostObjective.softmax(outputBase + row * groupCount, count: groupCount) }
    }

    /// The margins of a single-output model for every row.
    private func singleMargins(rows: UnsafePointer<Float>, rowCount: Int, into output: UnsafeMutablePointer<Float>) {
        withKernel { kernel in
            for row in 0..<rowCount {
                output[row] = kernel.singleMargin(row: rows + row * featureCount, base: baseMargins[0])
            }
        }
    }

    private func checkBuffers(rows: Int, rowCount: Int, output: Int, width: Int) {
        precondition(rowCount >= 0, "rowCount must not be negative")
        precondition(rows >= rowCount * featureCount, "\(rowCount) rows need \(rowCount * featureCount) features, got \(rows)")
        precondition(output >= rowCount * width, "\(rowCount) rows need room for \(rowCount * width) outputs, got \(output)")
    }

    /// Runs `body` with raw pointers to the node arrays, valid for the duration of the call.
    private func withKernel<Result>(_ body: (TreeKernel) -> Result) -> Result {
        ensemble.splitFeatures.withUnsafeBufferPointer { features in
            ensemble.values.withUnsafeBufferPointer { values in
                ensemble.leftChildren.withUnsafeBufferPointer { left in
                    ensemble.rightChildren.withUnsafeBufferPointer { right in
                        ensemble.defaultLeft.withUnsafeBufferPointer { defaultLeft in
                            ensemble.roots.withUnsafeBufferPointer { roots in
                                ensemble.groups.withUnsafeBufferPointer { groups in
                                    body(TreeKernel(
                                        features: features.baseAddress!, values: values.baseAddress!,
                                        left: left.baseAddress!, right: right.baseAddress!,
                                        defaultLeft: defaultLeft.baseAddress!, roots: roots.baseAddress!,
                                        groups: groups.baseAddress, treeCount: roots.count
                                    ))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
