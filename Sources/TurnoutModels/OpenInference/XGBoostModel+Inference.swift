extension XGBoostModel {
    /// The kind of answer this model gives over the inference protocols.
    ///
    /// `binary:logistic` is a binary classifier, the multi-class objectives are multi-class
    /// classifiers, and `reg:squarederror` and `reg:logistic` are regressions.
    public var inferenceTask: InferenceOutputs.Task {
        switch objective {
        case .binaryLogistic: .binaryClassification
        case .multiClassProbabilities, .multiClassLabel: .multiClassClassification(classCount: groupCount)
        case .regressionLogistic, .regressionSquaredError: .regression
        }
    }

    /// Runs the model on a decoded batch and shapes the answer for the protocol encoders.
    ///
    /// Labels follow XGBoost's own rules: a binary label is 1 when the probability is above 0.5
    /// (as `XGBClassifier.predict`), a `multi:softmax` label is the first largest margin (as
    /// XGBoost's `predict`) and a `multi:softprob` label is the first largest probability.
    ///
    /// - Precondition: `batch.featureCount == featureCount` (the decoders check it).
    public func infer(_ batch: InferenceBatch) -> InferenceOutputs {
        precondition(batch.featureCount == featureCount, "the batch has \(batch.featureCount) features, the model \(featureCount)")
        let rowCount = batch.rowCount
        let task = inferenceTask
        switch task {
        case .regression:
            return InferenceOutputs(task: task, rowCount: rowCount, scores: predictAll(batch), labels: [])
        case .binaryClassification:
            let probabilities = predictAll(batch)
            return InferenceOutputs(task: task, rowCount: rowCount, scores: probabilities, labels: probabilities.map { $0 > 0.5 ? 1 : 0 })
        case .multiClassClassification(let classCount):
            var labels = [Int64](repeating: 0, count: rowCount)
            let scores = [Float](unsafeUninitializedCapacity: rowCount * classCount) { buffer, initialized in
                batch.features.withUnsafeBufferPointer { rows in
                    predictMargins(rows: rows, rowCount: rowCount, into: buffer)
                }
                initialized = rowCount * classCount
                guard let base = buffer.baseAddress else { return }
                for row in 0..<rowCount {
                    let margins = base + row * classCount
                    if objective == .multiClassLabel {
                        labels[row] = Int64(XGBoostObjective.argmax(margins, count: classCount))
                    }
                    XGBoostObjective.softmax(margins, count: classCount)
                    if objective == .multiClassProbabilities {
                        labels[row] = Int64(XGBoostObjective.argmax(margins, count: classCount))
                    }
                }
            }
            return InferenceOutputs(task: task, rowCount: rowCount, scores: scores, labels: labels)
        }
    }

    /// `predict` over the whole batch into a new array (one value per row).
    private func predictAll(_ batch: InferenceBatch) -> [Float] {
        [Float](unsafeUninitializedCapacity: batch.rowCount * outputsPerRow) { buffer, initialized in
            batch.features.withUnsafeBufferPointer { rows in
                predict(rows: rows, rowCount: batch.rowCount, into: buffer)
            }
            initialized = batch.rowCount * outputsPerRow
        }
    }
}
