extension DashboardAssets {
    /// `/ui/app.css`.
    static let style = DashboardAsset(
        #"""
        :root { --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f9fafb; --panel: #fff; --warn: #b45309; --bad: #b91c1c; --good: #15803d; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
        header { display: flex; gap: 1rem; align-items: center; padding: .6rem 1.2rem; background: #111827; color: #f9fafb; }
        header a { color: inherit; text-decoration: none; }
        .brand { font-weight: 700; letter-spacing: .02em; }
        #updated { color: #9ca3af; font-size: 12px; }
        #auth { margin-left: auto; display: flex; gap: .4rem; align-items: center; }
        #status { font-size: 13px; }
        #status.error { color: #fca5a5; }
        #status.ok { color: #86efac; }
        main { padding: 1rem 1.2rem 3rem; max-width: 1280px; }
        h1 { font-size: 20px; margin: .2rem 0 .6rem; }
        h2 { font-size: 16px; margin: 0 0 .6rem; }
        h3 { font-size: 14px; margin: .8rem 0 .4rem; }
        .muted { color: var(--muted); font-weight: 400; }
        .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; margin: 1rem 0; }
        table { border-collapse: collapse; width: 100%; background: var(--panel); }
        th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.name a { font-weight: 600; color: #1d4ed8; }
        .phase { padding: .05rem .45rem; border-radius: 999px; background: #e0e7ff; color: #3730a3; font-size: 12px; }
        .phase.paused { background: #fef3c7; color: #92400e; }
        .phase.aborted { background: #fee2e2; color: var(--bad); }
        .phase.promoted, .phase.completed { background: #dcfce7; color: var(--good); }
        .warning { color: var(--warn); font-weight: 600; }
        .ok { color: var(--good); font-weight: 600; }
        .badge { padding: .05rem .45rem; border-radius: 4px; background: #374151; font-size: 12px; }
        .shares { display: flex; gap: 1rem; }
        .swatch { vertical-align: -1px; }
        .actions { display: flex; gap: .5rem; flex-wrap: wrap; margin: .6rem 0; }
        button { font: inherit; padding: .3rem .8rem; border: 1px solid #cbd5e1; border-radius: 6px; background: #fff; cursor: pointer; }
        button:disabled { opacity: .45; cursor: not-allowed; }
        button.promote:not(:disabled) { background: #1d4ed8; color: #fff; border-color: #1d4ed8; }
        button.abort:not(:disabled), button.rollback:not(:disabled) { color: var(--bad); border-color: #fca5a5; }
        button.link { background: none; border: none; color: #93c5fd; padding: 0; text-decoration: underline; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: .8rem; }
        .chart-box { margin: 0; }
        figcaption { font-weight: 600; font-size: 13px; margin-bottom: .2rem; }
        svg.chart { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
        svg.chart .grid { stroke: #eef0f3; }
        svg.chart .tick { font-size: 11px; fill: var(--muted); }
        svg.chart .empty { font-size: 13px; fill: var(--muted); }
        .legend { display: flex; gap: .8rem; font-size: 12px; margin-top: .2rem; }
        svg.interval .zero { stroke: #9ca3af; stroke-dasharray: 3 2; }
        svg.interval .ci { stroke: #9ca3af; stroke-width: 3; }
        svg.interval .ci.clear { stroke: var(--good); }
        svg.interval .estimate { fill: #4b5563; }
        svg.interval .estimate.clear { fill: var(--good); }
        .reasons { margin: .3rem 0; padding-left: 1.2rem; color: var(--muted); }
        .timeline { list-style: none; display: flex; gap: 0; padding: 0; margin: .4rem 0 .8rem; flex-wrap: wrap; }
        .timeline .step { display: flex; align-items: center; gap: .4rem; padding: .35rem .8rem; border: 1px solid var(--line); margin-right: -1px; background: #f3f4f6; color: var(--muted); }
        .timeline .step .dot { width: 10px; height: 10px; border-radius: 50%; background: #d1d5db; }
        .timeline .step.done { background: #f0fdf4; color: var(--good); }
        .timeline .step.done .dot { background: var(--good); }
        .timeline .step.current { background: #eff6ff; color: #1d4ed8; font-weight: 600; }
        .timeline .step.current .dot { background: #2563eb; }
        .timeline .step.current.paused .dot { background: var(--warn); }
        .timeline .step.current.aborted .dot { background: var(--bad); }
        .verdict.pass { color: var(--good); font-weight: 600; }
        .verdict.fail { color: var(--bad); font-weight: 600; }
        .verdict.inconclusive { color: var(--muted); }
        .instance.failed { color: var(--bad); }
        .instance.ready { color: var(--good); }
        td.values { font-size: 12px; color: var(--muted); }
        dialog { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; min-width: 360px; }
        dialog::backdrop { background: rgba(17, 24, 39, .45); }
        dialog label { display: block; margin: .6rem 0 .2rem; font-weight: 600; }
        dialog input { width: 100%; font: inherit; padding: .35rem .5rem; border: 1px solid #cbd5e1; border-radius: 6px; }
        dialog .buttons { display: flex; gap: .5rem; justify-content: flex-end; margin-top: .8rem; }
        .dialog-error { color: var(--bad); min-height: 1.2em; margin: .4rem 0 0; }
        [data-samples] table { table-layout: fixed; width: 100%; }
        [data-samples] td code { word-break: break-all; font-size: .8em; }
        """#,
        contentType: "text/css; charset=utf-8"
    )
}
