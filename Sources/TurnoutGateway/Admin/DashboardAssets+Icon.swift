extension DashboardAssets {
    /// `/ui/favicon.svg`: two paths parting, so a browser's tab has an icon and asks for no
    /// `/favicon.ico` the admin API would answer with 404.
    static let icon = DashboardAsset(
        #"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M2 14V9l5-5M7 4h-3M7 4v3M14 14V9L9 4" fill="none" stroke="#2563eb" stroke-width="2" stroke-linecap="round"/></svg>
        """#,
        contentType: "image/svg+xml"
    )
}
