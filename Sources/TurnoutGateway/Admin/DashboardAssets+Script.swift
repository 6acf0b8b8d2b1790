extension DashboardAssets {
    /// `/ui/app.js`: reads the admin API, draws the charts as SVG and sends the commands.
    static let script = DashboardAsset(
        #"""
        // Turnout's dashboard: reads the admin API, draws its own SVG charts and sends the lifecycle
        // commands. Served from the binary; no library, no network beyond the gateway's own admin API.
        "use strict";
        (() => {
          const TOKEN_KEY = "turnout.adminToken";
          const POLL_MS = 2000;
          const SERIES_WINDOW = 1800;
          const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];
          const ACTIONS = ["promote", "pause", "resume", "retry", "abort", "rollback"];
          const SVG_NS = "http://www.w3.org/2000/svg";
          let session = { token_required: false, actions_allowed: true };
          let timer = null;
          // Values the API has only as "now" (a bandit's P(best), a shadow's agreement), as this page
          // saw them: added to the gateway's own samples of them (GET .../history).
          const seen = {};

          class ApiError extends Error {
            constructor(status, message) { super(message); this.status = status; }
          }

          function el(tag, attrs, ...children) {
            const node = document.createElement(tag);
            for (const [key, value] of Object.entries(attrs || {})) {
              if (value === undefined || value === null || value === false) continue;
              if (key === "class") node.className = value;
              else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
              else node.setAttribute(key, value === true ? "" : String(value));
            }
            for (const child of children.flat()) {
              if (child === undefined || child === null) continue;
              node.append(child instanceof Node ? child : document.createTextNode(String(child)));
            }
            return node;
          }

          function svg(tag, attrs, ...children) {
            const node = document.createElementNS(SVG_NS, tag);
            for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
            for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
            return node;
          }

          const token = () => sessionStorage.getItem(TOKEN_KEY);

          async function api(path, options) {
            const opts = options || {};
            const headers = { "Accept": "application/json" };
            if (token()) headers["Authorization"] = "Bearer " + token();
            let body;
            if (opts.body !== undefined) {
              // JSON is what no plain HTML form can send: the gateway refuses anything else for changes.
              headers["Content-Type"] = "application/json";
              body = JSON.stringify(opts.body);
            }
            const response = await fetch(path, { method: opts.method || "GET", headers, body, credentials: "omit", cache: "no-store" });
            let data = null;
            try { data = await response.json(); } catch (_) { data = null; }
            if (response.status === 401) {
              askForToken(token() ? "That token was refused." : "");
              throw new ApiError(401, "the admin token is needed");
            }
            if (!response.ok) throw new ApiError(response.status, (data && data.error) || response.statusText);
            return data;
          }

          // Formatting.
          const isNum = (x) => typeof x === "number" && isFinite(x);
          const fixed = (x, digits) => (isNum(x) ? x.toFixed(digits) : "–");
          const pct = (x, digits) => (isNum(x) ? (x * 100).toFixed(digits === undefined ? 1 : digits) + "%" : "–");
          const ms = (x) => (isNum(x) ? (x < 10 ? x.toFixed(2) : x.toFixed(1)) + " ms" : "–");
          const when = (t) => (isNum(t) ? new Date(t * 1000).toLocaleTimeString() : "–");
          const clock = (t) => new Date(t * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
          const pValue = (p) => (!isNum(p) ? "–" : p < 0.0001 ? "<0.0001" : p.toFixed(4));
          const colorOf = (versions, name) => COLORS[Math.max(0, versions.indexOf(name)) % COLORS.length];

          function setStatus(message, kind) {
            const status = document.getElementById("status");
            status.textContent = message || "";
            status.className = kind || "";
          }

          // Authentication.
          function askForToken(note) {
            const dialog = document.getElementById("login");
            document.getElementById("login-note").textContent = note || "";
            if (!dialog.open) dialog.showModal();
          }

          function renderAuth() {
            const auth = document.getElementById("auth");
            auth.replaceChildren();
            if (!session.actions_allowed) auth.append(el("span", { class: "badge muted" }, "read-only"));
            if (!session.token_required) return;
            if (token()) {
              auth.append(el("span", { class: "badge" }, "token set"), " ",
                el("button", { type: "button", class: "link", id: "forget-token", onclick: () => { sessionStorage.removeItem(TOKEN_KEY); askForToken(""); } }, "forget"));
            } else {
              auth.append(el("button", { type: "button", class: "link", onclick: () => askForToken("") }, "enter token"));
            }
          }

          function wireDialogs() {
            const login = document.getElementById("login");
            document.getElementById("login-save").addEventListener("click", () => {
              const value = document.getElementById("login-token").value.trim();
              if (!value) return;
              sessionStorage.setItem(TOKEN_KEY, value);
              document.getElementById("login-token").value = "";
              login.close();
              renderAuth();
              refresh();
            });
            document.getElementById("login-token").addEventListener("keydown", (event) => {
              if (event.key === "Enter") document.getElementById("login-save").click();
            });
            document.getElementById("confirm-cancel").addEventListener("click", () => document.getElementById("confirm").close());
          }

          // Charts.
          /// A line chart of `series` ([{name, color, points: [[unixSeconds, value], ...]}]) as SVG.
          function lineChart(key, title, series, format, options) {
            const opts = options || {};
            const width = 560, height = 190, left = 56, right = 10, top = 10, bottom = 24;
            const all = series.flatMap((s) => s.points);
            const figure = el("figure", { class: "chart-box" }, el("figcaption", {}, title));
            const chart = svg("svg", { class: "chart", "data-chart": key, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title });
            figure.append(chart);
            if (all.length === 0) {
              chart.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, "no data yet"));
              return figure;
            }
            let t0 = Math.min(...all.map((p) => p[0])), t1 = Math.max(...all.map((p) => p[0]));
            if (t1 === t0) { t0 -= 30; t1 += 30; }
            const maxValue = Math.max(...all.map((p) => p[1]).filter(isNum), 0);
            const yMax = opts.yMax !== undefined ? opts.yMax : (maxValue > 0 ? maxValue * 1.1 : 1);
            const x = (t) => left + ((t - t0) / (t1 - t0)) * (width - left - right);
            const y = (v) => top + (1 - v / yMax) * (height - top - bottom);
            for (const fraction of [0, 0.5, 1]) {
              const value = yMax * fraction;
              chart.append(svg("line", { x1: left, x2: width - right, y1: y(value), y2: y(value), class: "grid" }));
              chart.append(svg("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end", class: "tick" }, format(value)));
            }
            chart.append(svg("text", { x: left, y: height - 6, class: "tick" }, clock(t0)));
            chart.append(svg("text", { x: width - right, y: height - 6, "text-anchor": "end", class: "tick" }, clock(t1)));
            for (const s of series) {
              const points = s.points.filter((p) => isNum(p[1]));
              if (points.length === 0) continue;
              const group = svg("g", { class: "series", "data-series": s.name, "data-points": points.length });
              if (points.length > 1) {
                group.append(svg("polyline", { points: points.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(" "), stroke: s.color, fill: "none", "stroke-width": 2 }));
              }
              for (const p of points) {
                const dot = svg("circle", { cx: x(p[0]).toFixed(1), cy: y(p[1]).toFixed(1), r: 3, fill: s.color, class: "point" });
                dot.append(svg("title", {}, `${s.name} ${clock(p[0])}: ${format(p[1])}`));
                group.append(dot);
              }
              chart.append(group);
            }
            figure.append(el("div", { class: "legend" }, series.map((s) => el("span", { class: "key", "data-color": s.color },
              legendSwatch(s.color), s.name))));
            return figure;
          }

          function legendSwatch(color) {
            return svg("svg", { width: 12, height: 12, class: "swatch" }, svg("rect", { width: 12, height: 12, rx: 2, fill: color }));
          }

          /// An interval against zero: a bar from lower to upper with the estimate, on a shared scale.
          function intervalPlot(effect, ci, format) {
            const width = 220, height = 26, pad = 8;
            const lower = ci && isNum(ci[0]) ? ci[0] : null, upper = ci && isNum(ci[1]) ? ci[1] : null;
            const values = [0, effect, lower, upper].filter(isNum);
            const extent = Math.max(...values.map(Math.abs), 1e-9) * 1.15;
            const x = (v) => pad + ((v + extent) / (2 * extent)) * (width - 2 * pad);
            const plot = svg("svg", { class: "interval", viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
              "aria-label": `effect ${format(effect)}, interval ${format(lower)} to ${format(upper)}` });
            plot.append(svg("line", { x1: x(0), x2: x(0), y1: 2, y2: height - 2, class: "zero" }));
            const from = lower === null ? pad : x(lower), to = upper === null ? width - pad : x(upper);
            const clear = (lower !== null && lower > 0) || (upper !== null && upper < 0);
            plot.append(svg("line", { x1: from, x2: to, y1: height / 2, y2: height / 2, class: clear ? "ci clear" : "ci" }));
            if (isNum(effect)) plot.append(svg("circle", { cx: x(effect), cy: height / 2, r: 4, class: clear ? "estimate clear" : "estimate" }));
            return plot;
          }

          // Tables.
          function table(headers, rows, attrs) {
            return el("table", attrs || {}, el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
              el("tbody", {}, rows));
          }

          function section(title, id, ...content) {
            return el("section", { id, class: "panel" }, el("h2", {}, title), content);
          }

          // The model list.
          function coveredSeconds(window) {
            // Statistics cover the stored minutes from the one holding now - window: a little more than window.
            const now = Date.now() / 1000;
            return now - Math.floor((now - window) / 60) * 60;
          }

          function warningsOf(model, experiment) {
            const warnings = [];
            if (experiment && experiment.result && experiment.result.srm && experiment.result.srm.warning) warnings.push("sample ratio mismatch");
            for (const check of (model.analysis && model.analysis.checks) || []) {
              if (check.verdict === "fail") warnings.push(`check ${check.name} fails`);
            }
            for (const instance of (model.instances && model.instances.instances) || []) {
              if (instance.state === "failed" || instance.restarts >= 3) warnings.push(`${instance.version}#${instance.id} ${instance.state}, ${instance.restarts} restarts`);
            }
            if (model.release && model.release.phase === "aborted") warnings.push("aborted");
            return warnings;
          }

          /// Requests per second of each version over the series' intervals: their requests over the time they cover.
          function ratesOf(series) {
            const seconds = series.points.reduce((sum, p) => sum + p.seconds, 0);
            const rates = {};
            for (const version of series.versions) {
              const requests = series.points.reduce((sum, p) => sum + (p.versions[version] ? p.versions[version].requests : 0), 0);
              rates[version] = seconds > 0 ? requests / seconds : null;
            }
            return rates;
          }

          async function renderList(main) {
            const window = 60;
            const answer = await api(`/api/v1/models?window=${window}`);
            const seconds = coveredSeconds(window);
            const experiments = await Promise.all(answer.models.map((m) => (m.strategy === "abtest"
              ? api(`/api/v1/models/${encodeURIComponent(m.name)}/experiment`).catch(() => null) : Promise.resolve(null))));
            const rates = await Promise.all(answer.models.map((m) => api(`/api/v1/models/${encodeURIComponent(m.name)}/series?window=${window}`)
              .then(ratesOf).catch(() => ({}))));
            const rows = [];
            answer.models.forEach((model, index) => {
              const warnings = warningsOf(model, experiments[index]);
              const release = model.release;
              model.versions.forEach((version, vIndex) => {
                const stats = (model.stats || {})[version] || {};
                const cells = [];
                if (vIndex === 0) {
                  const span = model.versions.length;
                  cells.push(
                    el("td", { rowspan: span, class: "name" }, el("a", { href: `/ui/models/${encodeURIComponent(model.name)}` }, model.name)),
                    el("td", { rowspan: span }, model.strategy),
                    el("td", { rowspan: span }, release ? el("span", { class: `phase ${release.phase}` }, release.phase) : "–"),
                    el("td", { rowspan: span }, release ? `${Math.min(release.step + 1, release.step_count)}/${release.step_count}` : "–"),
                    el("td", { rowspan: span, class: "warn" }, warnings.length ? el("span", { class: "warning", title: warnings.join("; ") }, "⚠ " + warnings.join("; ")) : ""));
                }
                rows.push(el("tr", { "data-model": model.name, "data-version": version }, cells,
                  el("td", { class: "version" }, legendSwatch(colorOf(model.versions, version)), " ", version),
                  el("td", { class: "num share" }, fixed(model.weights[version], 1) + "%"),
                  el("td", { class: "num requests" }, stats.requests === undefined ? "–" : String(stats.requests)),
                  el("td", { class: "num rps" }, fixed(rates[index][version], 1)),
                  el("td", { class: "num" }, pct(stats.error_rate, 2)),
                  el("td", { class: "num" }, ms(stats.latency_p99_ms))));
              });
            });
            main.replaceChildren(
              el("h1", {}, "Models"),
              el("p", { class: "muted" }, `Requests, errors and p99 over the last ${Math.round(seconds)} s; shares are the weights in force now.`),
              table(["Model", "Strategy", "Phase", "Step", "Warnings", "Version", "Share", "Requests", "req/s", "Errors", "p99"], rows, { id: "models" }));
          }

          // The model page.
          function seriesCharts(series) {
            const versions = series.versions;
            const line = (pick) => versions.map((v) => ({
              name: v, color: colorOf(versions, v),
              points: series.points.filter((p) => p.versions[v]).map((p) => [p.time, pick(p.versions[v], p)]),
            }));
            const share = versions.map((v) => ({
              name: v, color: colorOf(versions, v),
              points: series.points.map((p) => {
                const total = Object.values(p.versions).reduce((sum, s) => sum + s.requests, 0);
                return [p.time, total > 0 ? ((p.versions[v] || { requests: 0 }).requests / total) : null];
              }),
            }));
            const percent = (x) => (x * 100).toFixed(0) + "%";
            const rate = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
            return el("div", { class: "charts" },
              lineChart("share", "Share of requests per version", share, percent, { yMax: 1 }),
              // An interval only just begun holds too little time for a rate: it would read as a drop.
              lineChart("requests", "Requests per second", line((s, p) => (p.seconds >= 3 ? s.requests / p.seconds : null)), rate),
              lineChart("errors", "Error rate", line((s) => s.error_rate), (x) => (x * 100).toFixed(1) + "%"),
              lineChart("latency", "p99 latency (ms)", line((s) => s.latency_p99_ms), (x) => x.toFixed(1)),
              lineChart("latency-p50", "p50 latency (ms)", line((s) => s.latency_p50_ms), (x) => x.toFixed(1)));
          }

          // The gateway's own samples (GET .../history) since the release began, then what this page
          // saw after the newest of them; the page's alone when the gateway has none.
          function overTime(history, name, key, value) {
            const local = remember(key, value).slice();
            const stored = history && history.series && history.series[name];
            if (!stored || stored.length === 0) return local;
            const last = stored[stored.length - 1][0];
            return stored.concat(local.filter((p) => p[0] > last));
          }

          function remember(key, value) {
            const list = (seen[key] = seen[key] || []);
            if (isNum(value)) list.push([Date.now() / 1000, value]);
            if (list.length > 900) list.shift();
            return list;
          }

          function abTestSection(experiment) {
            const result = experiment.result;
            if (!result) return section("A/B test", "abtest", el("p", { class: "muted" }, "No analysis yet."));
            const format = result.effect === "relative" ? (x) => pct(x, 2) : (x) => fixed(x, 4);
            const variants = result.variants.map((v) => el("tr", { "data-variant": v.name },
              el("td", {}, v.name), el("td", { class: "num" }, format(v.effect)),
              el("td", { class: "num" }, v.ci ? `[${format(v.ci[0])}, ${format(v.ci[1])}]` : "–"),
              el("td", {}, intervalPlot(v.effect, v.ci, format)),
              el("td", { class: "num" }, pValue(v.p_value)), el("td", { class: "num" }, pct(v.chance_to_win)),
              el("td", { class: "num" }, v.risk ? `${fixed(v.risk.control, 4)} / ${fixed(v.risk.variant, 4)}` : "–"),
              el("td", {}, v.error ? el("span", { class: "warning" }, v.error) : v.significant ? "significant" : "not significant")));
            const arms = result.arms.map((a) => el("tr", {}, el("td", {}, a.name + (a.name === result.control ? " (control)" : "")),
              el("td", { class: "num" }, String(a.n)), el("td", { class: "num" }, fixed(a.mean, 4)),
              el("td", { class: "num" }, a.ci ? `[${fixed(a.ci[0], 4)}, ${fixed(a.ci[1], 4)}]` : "–")));
            const srm = result.srm;
            return section("A/B test", "abtest",
              el("p", {}, `${result.test} test, ${result.effect} effect, α = ${result.alpha}. Decision: `,
                el("strong", { class: "decision" }, result.decision.replace(/_/g, " ")), result.winner ? ` (winner ${result.winner})` : ""),
              experiment.conclusion ? el("p", { class: "conclusion" }, `Concluded ${when(experiment.conclusion.time)}: ${experiment.conclusion.summary}`) : null,
              table(["Variant", "Effect", "Interval", "Against zero", "p-value", "Chance to win", "Risk (control / variant)", ""], variants, { id: "variants" }),
              table(["Arm", "Units", "Mean", "Interval"], arms),
              el("p", { id: "srm", class: srm && srm.warning ? "warning" : "" },
                srm ? `Sample ratio: χ² ${fixed(srm.statistic, 2)}, p ${pValue(srm.p_value)} — ${srm.warning ? "MISMATCH: assignment looks broken" : "no mismatch"}` : "Sample ratio check not run yet."),
              result.reasons.length ? el("ul", { class: "reasons" }, result.reasons.map((r) => el("li", {}, r))) : null);
          }

          function banditSection(model, experiment, history) {
            const arms = experiment.arms || [];
            const rows = arms.map((a) => el("tr", { "data-arm": a.name }, el("td", {}, a.name), el("td", { class: "num" }, String(a.pulls)),
              el("td", { class: "num" }, fixed(a.mean, 4)), el("td", { class: "num" }, pct(a.share)),
              el("td", { class: "num" }, pct(a.next_share)), el("td", { class: "num" }, pct(a.probability_best))));
            const versions = model.versions;
            const best = arms.map((a) => ({ name: a.name, color: colorOf(versions, a.name), points: overTime(history, `best/${a.name}`, `${model.name}/best/${a.name}`, a.probability_best) }));
            const share = arms.map((a) => ({ name: a.name, color: colorOf(versions, a.name), points: overTime(history, `share/${a.name}`, `${model.name}/share/${a.name}`, a.share) }));
            const percent = (x) => (x * 100).toFixed(0) + "%";
            return section("Bandit", "bandit",
              table(["Arm", "Pulls", "Mean reward", "Share now", "Next share", "P(best)"], rows),
              el("div", { class: "charts" },
                lineChart("bandit-best", "Probability of being best", best, percent, { yMax: 1 }),
                lineChart("bandit-share", "Share in force", share, percent, { yMax: 1 })));
          }

          // Sampled pairs cost the gateway a few store reads each: asked for every SAMPLES_MS, not every poll.
          const SAMPLES_MS = 10000;
          const sampleCache = {};
          async function disagreeingSamples(path) {
            const cached = sampleCache[path];
            if (cached && Date.now() - cached.at < SAMPLES_MS) return cached.answer;
            const answer = await api(`${path}/shadow/samples?disagreeing=true&limit=5`).catch(() => null);
            sampleCache[path] = { at: Date.now(), answer };
            return answer;
          }

          function clip(text, length) {
            if (text === undefined || text === null) return "not stored";
            return text.length > length ? text.slice(0, length) + "…" : text;
          }

          function samplesBlock(samples) {
            if (!samples) return el("p", { class: "muted" }, "Sampled pairs unavailable (no store).");
            if (samples.examined === 0) {
              return el("p", { class: "muted" }, "No sampled pairs yet: the model's log setting (log: { sample: 0.01 }) decides which requests keep both answers.");
            }
            if (samples.samples.length === 0) {
              return el("p", { class: "muted", "data-samples": "0" }, `No disagreeing pair among the ${samples.examined} newest sampled requests.`);
            }
            const rows = samples.samples.map((p) => el("tr", { "data-request": p.request_id },
              el("td", {}, when(p.time)), el("td", {}, p.request_id), el("td", {}, p.shadow),
              el("td", {}, p.difference),
              el("td", {}, el("code", { title: p.request || "" }, clip(p.request, 80))),
              el("td", {}, el("code", { title: p.primary_answer || "" }, clip(p.primary_answer, 80))),
              el("td", {}, el("code", { title: p.shadow_answer }, clip(p.shadow_answer, 80)))));
            return el("div", { "data-samples": String(samples.samples.length) },
              el("h3", {}, `Sampled disagreeing pairs (${samples.samples.length} among the ${samples.examined} newest sampled)`),
              table(["When", "Request", "Shadow", "Difference", "Request body", "Primary's answer", "Shadow's answer"], rows));
          }

          function shadowSection(model, shadow, samples, history) {
            const rows = shadow.shadows.map((s) => el("tr", { "data-shadow": s.version },
              el("td", {}, s.version), el("td", { class: "num" }, String(s.counts.pairs)),
              el("td", { class: "num" }, pct(s.classification && s.classification.agreement, 2)),
              el("td", { class: "num" }, fixed(s.classification && s.classification.kappa, 3)),
              el("td", { class: "num" }, fixed(s.drift && s.drift.psi, 3)),
              el("td", { class: "num" }, fixed(s.latency && s.latency.p99_ratio, 2)),
              el("td", { class: "num" }, `${pct(s.error_rate.primary, 2)} / ${pct(s.error_rate.shadow, 2)}`),
              el("td", {}, s.verdict.ready ? el("span", { class: "ok" }, "ready") : el("span", { class: "warning" }, "not ready"),
                s.verdict.reasons.length ? el("ul", { class: "reasons" }, s.verdict.reasons.map((r) => el("li", {}, r))) : null)));
            const versions = model.versions;
            const agreement = shadow.shadows.map((s) => ({ name: `${s.version} agreement`, color: colorOf(versions, s.version),
              points: overTime(history, `agreement/${s.version}`, `${model.name}/agreement/${s.version}`, s.classification && s.classification.agreement) }));
            const kappa = shadow.shadows.map((s) => ({ name: `${s.version} kappa`, color: colorOf(versions, s.version),
              points: overTime(history, `kappa/${s.version}`, `${model.name}/kappa/${s.version}`, s.classification && s.classification.kappa) }));
            return section("Shadow", "shadow",
              el("p", {}, `${shadow.primary} answers; ${shadow.sample}% of requests mirrored; ${shadow.thresholds.min_pairs} pairs needed for a verdict.`),
              table(["Shadow", "Pairs", "Agreement", "Kappa", "PSI", "p99 ratio", "Errors (primary / shadow)", "Verdict"], rows),
              el("div", { class: "charts" },
                lineChart("shadow-agreement", "Top-1 agreement", agreement, (x) => (x * 100).toFixed(0) + "%", { yMax: 1 }),
                lineChart("shadow-kappa", "Cohen's kappa", kappa, (x) => x.toFixed(2), { yMax: 1 })),
              samplesBlock(samples));
          }

          function stepLabel(step, index) {
            if (step && typeof step === "object") {
              const parts = [];
              if (step.weight !== undefined) parts.push(`${step.weight}%`);
              if (step.pause !== undefined) parts.push(`hold ${step.pause}`);
              for (const [key, value] of Object.entries(step)) if (key !== "weight" && key !== "pause") parts.push(`${key} ${JSON.stringify(value)}`);
              return parts.join(", ") || `step ${index + 1}`;
            }
            return step === undefined ? `step ${index + 1}` : String(step);
          }

          function rolloutSection(model, events) {
            const release = model.release;
            const spec = (release && release.spec) || {};
            const steps = Array.isArray(spec.steps) ? spec.steps : [];
            const count = release ? Math.max(release.step_count, steps.length) : steps.length;
            const items = [];
            for (let index = 0; index < count; index += 1) {
              const state = !release ? "pending" : index < release.step || release.phase === "promoted" || release.phase === "completed" ? "done"
                : index === release.step ? `current ${release.phase}` : "pending";
              items.push(el("li", { class: `step ${state}`, "data-step": index }, el("span", { class: "dot" }), el("span", {}, stepLabel(steps[index], index))));
            }
            // Each step's last analysis: the controller's newest look alone would hide how the earlier steps were judged.
            const judged = (model.step_analyses || []).map((a) => el("tr", { "data-analysis-step": a.step },
              el("td", {}, stepLabel(steps[a.step], a.step)), el("td", {}, when(a.time)), el("td", {}, a.decision),
              el("td", {}, a.checks.map((c) => el("div", {}, el("span", { class: `verdict ${c.verdict}` }, c.verdict), ` ${c.name}: ${c.summary}`)))));
            const stepEvents = events.filter((e) => e.actor === "controller").slice(0, 8).map((e) =>
              el("li", {}, `${when(e.time)} ${e.action}${e.to ? " → " + e.to : ""}${e.reason ? ": " + e.reason : ""}`));
            const analysis = model.analysis;
            const checks = analysis ? analysis.checks.map((c) => el("tr", { "data-check": c.name }, el("td", {}, c.name),
              el("td", {}, el("span", { class: `verdict ${c.verdict}` }, c.verdict)), el("td", {}, c.summary),
              el("td", { class: "values" }, Object.entries(c.values).map(([k, v]) => `${k} ${fixed(v, 4)}`).join(", ")))) : [];
            const instances = model.instances ? model.instances.instances.map((i) => el("tr", {}, el("td", {}, i.version), el("td", { class: "num" }, String(i.id)),
              el("td", {}, el("span", { class: `instance ${i.state}` }, i.state)), el("td", { class: "num" }, i.port || "–"),
              el("td", { class: "num" }, String(i.restarts)), el("td", {}, i.last_exit || ""))) : null;
            return section("Rollout", "rollout",
              el("ol", { class: "timeline", id: "timeline" }, items),
              analysis ? el("div", {}, el("h3", {}, `Analysis at ${when(analysis.time)}: `, el("span", { class: "decision" }, analysis.decision)),
                table(["Check", "Verdict", "Summary", "Values"], checks, { id: "checks" })) : el("p", { class: "muted" }, "No analysis yet."),
              judged.length ? el("div", {}, el("h3", {}, "Each step's last analysis"), table(["Step", "At", "Decision", "Checks"], judged, { id: "step-analyses" })) : null,
              stepEvents.length ? el("div", {}, el("h3", {}, "Controller steps"), el("ul", { class: "reasons" }, stepEvents)) : null,
              instances ? el("div", {}, el("h3", {}, "Instances"), table(["Version", "#", "State", "Port", "Restarts", "Last exit"], instances, { id: "instances" })) : null);
          }

          function eventsSection(events) {
            const rows = events.map((e) => el("tr", {}, el("td", {}, when(e.time)), el("td", {}, e.actor), el("td", {}, e.action),
              el("td", {}, `${e.from || "–"} → ${e.to || "–"}`), el("td", {}, e.reason || "")));
            return section("Events", "events", table(["Time", "Actor", "Action", "Phase", "Reason"], rows, { id: "event-log" }));
          }

          function actionsBar(model) {
            const allowed = (model.release && model.release.allowed_actions) || [];
            const bar = el("div", { class: "actions", id: "actions" });
            for (const action of ACTIONS) {
              const enabled = allowed.includes(action) && session.actions_allowed;
              bar.append(el("button", { type: "button", class: `action ${action}`, "data-action": action, disabled: !enabled,
                title: !session.actions_allowed ? "read-only: set an admin token, or serve the admin API on loopback" : allowed.includes(action) ? "" : `not allowed while ${model.release ? model.release.phase : "there is no release"}`,
                onclick: () => confirmAction(model.name, action) }, action));
            }
            return bar;
          }

          function confirmAction(name, action) {
            const dialog = document.getElementById("confirm");
            document.getElementById("confirm-title").textContent = `${action[0].toUpperCase()}${action.slice(1)} ${name}?`;
            const reason = document.getElementById("confirm-reason");
            reason.value = "";
            document.getElementById("confirm-error").textContent = "";
            const ok = document.getElementById("confirm-ok");
            const fresh = ok.cloneNode(true);
            ok.replaceWith(fresh);
            fresh.addEventListener("click", async () => {
              const text = reason.value.trim();
              if (!text) { document.getElementById("confirm-error").textContent = "Say why: the reason goes to the audit log."; return; }
              fresh.disabled = true;
              try {
                await api(`/api/v1/models/${encodeURIComponent(name)}/${action}`, { method: "POST", body: { reason: text } });
                dialog.close();
                setStatus(`${action} sent`, "ok");
                refresh();
              } catch (error) {
                document.getElementById("confirm-error").textContent = `${action} refused: ${error.message}`;
              } finally {
                fresh.disabled = false;
              }
            });
            dialog.showModal();
            reason.focus();
          }

          async function renderModel(main, name) {
            const path = `/api/v1/models/${encodeURIComponent(name)}`;
            const [model, series, events] = await Promise.all([
              api(path), api(`${path}/series?window=${SERIES_WINDOW}`).catch(() => null),
              api(`/api/v1/events?model=${encodeURIComponent(name)}&limit=50`).then((a) => a.events).catch(() => []),
            ]);
            const strategy = model.strategy;
            const experiment = strategy === "abtest" || strategy === "bandit" ? await api(`${path}/experiment`).catch(() => null) : null;
            const shadow = strategy === "shadow" ? await api(`${path}/shadow`).catch(() => null) : null;
            const samples = shadow ? await disagreeingSamples(path) : null;
            const sampled = shadow || (experiment && experiment.strategy === "bandit");
            const history = sampled ? await api(`${path}/history`).catch(() => null) : null;
            const release = model.release;
            const shares = model.versions.map((v) => el("span", { class: "share" }, legendSwatch(colorOf(model.versions, v)), ` ${v} ${fixed(model.weights[v], 1)}%`));
            const parts = [
              el("h1", {}, model.name, " ", el("span", { class: "muted" }, strategy)),
              el("p", { class: "summary" }, release ? [el("span", { class: `phase ${release.phase}` }, release.phase),
                ` step ${Math.min(release.step + 1, release.step_count)} of ${release.step_count}, revision ${release.revision}, ${when(release.updated_at)}: ${release.reason}`] : "no release"),
              el("p", { class: "shares" }, shares),
              actionsBar(model),
              section("Traffic", "traffic", series ? seriesCharts(series) : el("p", { class: "muted" }, "No time series (no store).")),
            ];
            if (experiment && experiment.strategy === "bandit") parts.push(banditSection(model, experiment, history));
            else if (experiment) parts.push(abTestSection(experiment));
            if (shadow) parts.push(shadowSection(model, shadow, samples, history));
            if (["canary", "bluegreen", "rolling", "recreate"].includes(strategy)) parts.push(rolloutSection(model, events));
            parts.push(eventsSection(events));
            main.replaceChildren(...parts);
          }

          async function refresh() {
            clearTimeout(timer);
            const main = document.getElementById("main");
            const path = location.pathname.replace(/\/+$/, "");
            const match = path.match(/^\/ui\/models\/([^/]+)$/);
            try {
              if (match) await renderModel(main, decodeURIComponent(match[1]));
              else await renderList(main);
              document.getElementById("updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
              if (document.getElementById("status").className !== "ok") setStatus("");
            } catch (error) {
              if (error.status !== 401) setStatus(error.message, "error");
            }
            timer = setTimeout(refresh, POLL_MS);
          }

          async function start() {
            wireDialogs();
            try {
              session = await (await fetch("/ui/session", { cache: "no-store", credentials: "omit" })).json();
            } catch (_) { /* keep the defaults: the API's own answers still decide */ }
            renderAuth();
            if (session.token_required && !token()) askForToken("");
            document.addEventListener("visibilitychange", () => { if (!document.hidden) refresh(); });
            refresh();
          }

          document.addEventListener("DOMContentLoaded", start);
        })();
        """#,
        contentType: "text/javascript; charset=utf-8"
    )
}
