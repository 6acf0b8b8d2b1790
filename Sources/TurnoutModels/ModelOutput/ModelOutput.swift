import TurnoutStats

/// What a model answered, reduced to the parts a shadow comparison needs: the comparison's own
/// ``TurnoutStats/ComparedOutput``, which ``ModelOutputReader`` builds from an Open Inference
/// Protocol (V2) or V1 response body.
public typealias ModelOutput = ComparedOutput
