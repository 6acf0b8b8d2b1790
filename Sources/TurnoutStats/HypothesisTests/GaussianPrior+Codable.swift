extension GaussianPrior: Codable {
    /// Decodes `{mean?, variance?, proper?}` strictly, with gbstats' defaults `0`, `1`, `false`.
    public init(from decoder: any Decoder) throws {
        let object = try StrictObject(decoder, allowed: ["mean", "variance", "proper"])
        mean = try object.optional("mean", "a number") ?? 0
        variance = try object.optional("variance", "a positive number") ?? 1
        proper = try object.optional("proper", "true or false") ?? false
    }

    /// Encodes `{mean, variance, proper}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONField.self)
        try container.encode(mean, forKey: JSONField("mean"))
        try container.encode(variance, forKey: JSONField("variance"))
        try container.encode(proper, forKey: JSONField("proper"))
    }
}
