/// A driven strategy whose controller decides how many instances of its `process` versions
/// run (``ControllerAction/scale(version:replicas:)``): rolling and recreate. For every other
/// strategy the gateway runs the instances its ``InstancePlan`` names.
protocol InstanceScalingStrategy: DrivenStrategy {}
