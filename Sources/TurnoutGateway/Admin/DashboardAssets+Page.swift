extension DashboardAssets {
    /// The page of `/ui` and `/ui/models/{model}`: a shell the script fills in, with the token and confirmation dialogs.
    static let page = DashboardAsset(
        #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>Turnout</title>
        <link rel="icon" href="/ui/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/ui/app.css">
        <script src="/ui/app.js" defer></script>
        </head>
        <body>
        <header>
        <a class="brand" href="/ui">Turnout</a>
        <span id="updated"></span>
        <span id="status"></span>
        <span id="auth"></span>
        </header>
        <main id="main"><p class="muted">Loading…</p></main>
        <dialog id="login" aria-labelledby="login-title">
        <h2 id="login-title">Admin token</h2>
        <p>This gateway's admin API needs its token (the value of <code>admin.token_env</code>). It is kept in this tab only and sent as <code>Authorization: Bearer</code>.</p>
        <label for="login-token">Token</label>
        <input id="login-token" type="password" autocomplete="off">
        <p id="login-note" class="dialog-error"></p>
        <div class="buttons"><button type="button" id="login-save">Use token</button></div>
        </dialog>
        <dialog id="confirm" aria-labelledby="confirm-title">
        <h2 id="confirm-title">Confirm</h2>
        <label for="confirm-reason">Reason (kept in the audit log)</label>
        <input id="confirm-reason" type="text" maxlength="1000" autocomplete="off">
        <p id="confirm-error" class="dialog-error"></p>
        <div class="buttons"><button type="button" id="confirm-cancel">Cancel</button><button type="button" id="confirm-ok" class="promote">Confirm</button></div>
        </dialog>
        </body>
        </html>
        """#,
        contentType: "text/html; charset=utf-8"
    )
}
