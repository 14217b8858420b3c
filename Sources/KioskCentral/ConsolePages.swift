public import Hummingbird
public import Foundation
import HTTPTypes
import KioskCore
public import KioskMetrics
import QRCode
import Logging

/// The staff console (`/console`) and the call display (`/display`): server-rendered pages in German and
/// English with live updates over server-sent events; no build step, a few lines of plain script.
public enum ConsolePages {
    static func texts(_ language: String) -> [String: String] {
        language == "en"
            ? [
                "title": "Counter console", "login": "Log in", "user": "User name", "password": "Password",
                "counter": "Counter", "choose": "Choose", "next": "Call next", "recall": "Call again",
                "no-show": "Did not come", "finish": "Finish", "park": "Park", "resume": "Resume",
                "forward": "Forward", "forward-to": "Forward to", "current": "Current ticket", "none": "No ticket called", "queues": "Queues",
                "waiting": "waiting", "calls": "Recent calls", "parked": "Parked", "other": "Deutsch",
                "display": "Calls", "follow": "Follow the queue on your phone", "devices": "Terminals and devices", "seen": "last contact", "empty": "Nobody waiting in this counter's queues.", "logout": "Log out",
            ]
            : [
                "title": "Schalter-Konsole", "login": "Anmelden", "user": "Benutzername", "password": "Passwort",
                "counter": "Schalter", "choose": "Wählen", "next": "Nächste Nummer aufrufen", "recall": "Erneut aufrufen",
                "no-show": "Nicht erschienen", "finish": "Abschließen", "park": "Parken", "resume": "Fortsetzen",
                "forward": "Weiterleiten", "forward-to": "Weiterleiten an", "current": "Aktuelle Nummer", "none": "Keine Nummer aufgerufen",
                "queues": "Warteschlangen", "waiting": "wartend", "calls": "Letzte Aufrufe", "parked": "Geparkt",
                "other": "English", "display": "Aufruf", "follow": "Warteschlange auf dem Handy verfolgen", "devices": "Terminals und Geräte", "seen": "letzter Kontakt", "empty": "In den Warteschlangen dieses Schalters wartet niemand.",
                "logout": "Abmelden",
            ]
    }

    /// Adds the console and display routes.
    public static func add(
        to router: Router<CentralRequestContext>, store: any CentralStore, settings: CentralSettings, announcer: Announcer,
        metrics: CentralMetrics = CentralMetrics(), now: @escaping @Sendable () -> Date
    ) {
        let calendar = settings.catalog.site.calendar
        router.get("/console") { request, _ -> Response in
            let language = request.uri.queryParameters.get("lang") == "en" ? "en" : "de"
            guard let staff = try? await StaffAPI.authenticate(request, store: store, now: now(), mayCall: true) else {
                return htmlResponse(loginPage(language: language, error: nil))
            }
            let counters = try await store.counters()
            let counterID = request.uri.queryParameters.get("counter") ?? counters.first?.id
            let notice = request.uri.queryParameters.get("notice")
            let admin = (try? await StaffAPI.session(request, store: store, now: now()))?.role == .admin
            return htmlResponse(
                try await consolePage(
                    store: store, settings: settings, staff: staff, counters: counters, counterID: counterID,
                    day: calendar.businessDay(of: now()), language: language, notice: notice, admin: admin))
        }
        router.post("/console/login") { request, context -> Response in
            let fields = formFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            let language = fields["lang"] == "en" ? "en" : "de"
            let user = fields["user"] ?? ""
            guard await StaffAPI.verify(user: user, password: fields["password"] ?? "", store: store) != nil else {
                context.logger.notice("Console login refused")
                return htmlResponse(loginPage(language: language, error: texts(language)["login"]! + ": " + APIError.badCredentials.body.message(language)), status: .unauthorized)
            }
            let token = try await store.createSession(staff: user, at: now(), lifetime: StaffAPI.sessionLifetime)
            var response = Response(status: .seeOther, headers: [.location: "/console?lang=\(language)"])
            response.headers[.setCookie] = StaffAPI.sessionCookie(token)
            return response
        }
        router.post("/console/action") { request, _ -> Response in
            let staff = try await StaffAPI.authenticate(request, store: store, now: now(), mayCall: true)
            let fields = formFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            let language = fields["lang"] == "en" ? "en" : "de"
            let counter = fields["counter"] ?? ""
            var notice: String?
            do {
                if fields["action"] == "next" {
                    if try await store.callNext(counter: counter, staff: staff, rule: QueueOrder(), day: calendar.businessDay(of: now()), at: now()) == nil {
                        notice = texts(language)["empty"]
                    } else {
                        metrics.called(action: "call-next")
                    }
                } else if let action = CounterAction(rawValue: fields["action"] ?? ""), let id = UUID(uuidString: fields["ticket"] ?? "") {
                    _ = try await store.act(
                        action, ticket: id, counter: counter, staff: staff,
                        forwardTo: fields["service"].flatMap { $0.isEmpty ? nil : ServiceID(rawValue: $0) }, catalog: settings.catalog,
                        at: now())
                    metrics.called(action: action.rawValue)
                }
            } catch let refusal as StaffRefusal {
                notice = APIError(refusal).body.message(language)
            }
            var location = "/console?lang=\(language)&counter=\(counter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            if let notice { location += "&notice=\(notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            return Response(status: .seeOther, headers: [.location: location])
        }
        router.get("/display") { request, _ -> Response in
            let language = request.uri.queryParameters.get("lang") == "en" ? "en" : "de"
            return htmlResponse(
                displayPage(
                    calls: (try? await store.recentCalls(limit: 8)) ?? [], language: language,
                    siteName: settings.catalog.site.name[language == "en" ? .english : .german],
                    followURL: settings.publicURL.map { $0 + "/q" }))
        }
        router.get("\(SyncAPI.prefix)/calls/stream") { request, _ -> Response in
            let after = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap { Int64($0) } ?? request.uri.queryParameters.get("after", as: Int64.self) ?? 0
            return CallStream.response(store: store, after: after)
        }
        router.get("\(SyncAPI.prefix)/calls/:id/speech.wav") { _, context -> Response in
            guard let id = Int64(try context.parameters.require("id")), let call = try await store.calls(after: id - 1, limit: 1).first, call.id == id else {
                throw APIError(.notFound, code: "unknown-call", de: "Unbekannter Aufruf.", en: "Unknown call.")
            }
            do {
                let audio = try await announcer.speech(Announcer.sentence(spokenNumber: call.spoken, counterName: call.counterName))
                return Response(status: .ok, headers: [.contentType: "audio/wav", .cacheControl: "max-age=3600"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: audio)))
            } catch {
                context.logger.warning("Speech unavailable", metadata: ["kiosk.error": "\(error)"])
                throw APIError(.serviceUnavailable, code: "speech-unavailable", de: "Sprachausgabe nicht verfügbar.", en: "Speech output unavailable.")
            }
        }
        router.get("/display/gong.wav") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "audio/wav", .cacheControl: "max-age=86400"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: Announcer.gong)))
        }
    }

    static func htmlResponse(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func loginPage(language: String, error: String?) -> String {
        let t = texts(language)
        return page(title: t["title"]!, language: language, body: """
            <header><h1>\(t["title"]!)</h1><a href="/console?lang=\(language == "de" ? "en" : "de")">\(t["other"]!)</a></header>
            <main>
            \(error.map { "<p class=\"error\" role=\"alert\">\(html($0))</p>" } ?? "")
            <form method="post" action="/console/login" id="login">
            <input type="hidden" name="lang" value="\(language)">
            <p><label for="user">\(t["user"]!)</label><br><input id="user" name="user" autocomplete="username" required></p>
            <p><label for="password">\(t["password"]!)</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
            <p><button type="submit">\(t["login"]!)</button></p>
            </form>
            </main>
            """)
    }

    static func consolePage(
        store: any CentralStore, settings: CentralSettings, staff: String, counters: [Counter], counterID: String?, day: BusinessDay,
        language: String, notice: String?, admin: Bool = false
    ) async throws -> String {
        let t = texts(language)
        let lang: Language = language == "en" ? .english : .german
        let counter = counters.first { $0.id == counterID }
        let current = if let counter { try await store.currentTicket(counter: counter.id) } else { CalledTicket?.none }
        let waiting = try await store.waitingCounts(day: day)
        let parked = try await store.parkedTickets(day: day)
        let counterOptions = counters.map { "<option value=\"\(html($0.id))\"\($0.id == counter?.id ? " selected" : "")>\(html($0.name))</option>" }.joined()
        func actionForm(_ action: String, ticket: CalledTicket?, extra: String = "") -> String {
            """
            <form method="post" action="/console/action" style="display:inline">
            <input type="hidden" name="lang" value="\(language)"><input type="hidden" name="counter" value="\(html(counter?.id ?? ""))">
            <input type="hidden" name="action" value="\(action)">\(ticket.map { "<input type=\"hidden\" name=\"ticket\" value=\"\($0.id.uuidString)\">" } ?? "")
            \(extra)<button type="submit" id="action-\(action)">\(t[action] ?? action)</button></form>
            """
        }
        let services = settings.catalog.services.map { "<option value=\"\(html($0.id.rawValue))\">\(html($0.name[lang]))</option>" }.joined()
        let currentBlock: String
        if let current {
            currentBlock = """
                <p class="current" id="current">\(html(current.number))</p>
                \(actionForm("recall", ticket: current)) \(actionForm("no-show", ticket: current)) \(actionForm("finish", ticket: current)) \(actionForm("park", ticket: current))
                \(actionForm("forward", ticket: current, extra: "<label for=\"service\">\(t["forward-to"]!)</label> <select id=\"service\" name=\"service\">\(services)</select>"))
                """
        } else {
            currentBlock = "<p id=\"current\">\(t["none"]!)</p>"
        }
        let queueRows = settings.catalog.queues.map { queue in
            "<tr><td>\(html(queue.prefix))</td><td>\(html(queue.name[lang]))</td><td data-queue=\"\(html(queue.id.rawValue))\">\(waiting[queue.id] ?? 0) \(t["waiting"]!)</td></tr>"
        }.joined()
        let parkedRows = parked.map { "<li>\(html($0.number)) \(actionForm("resume", ticket: $0))</li>" }.joined()
        let health = try await store.deviceHealth()
        let healthRows = health.map { entry in
            let mark = entry.severity == .ok ? "✓" : entry.severity == .warning ? "⚠" : "✗"
            return "<tr data-severity=\"\(entry.severity.rawValue)\"><td>\(html(entry.terminal))</td><td>\(html(entry.device))</td><td>\(mark) \(html(entry.status))</td></tr>"
        }.joined()
        let seenRows = try await store.terminalsLastSeen().map { terminal in
            "<tr><td>\(html(terminal.terminal))</td><td>\(t["seen"]!)</td><td>\(terminal.lastSeen.map { html($0.formatted(.iso8601)) } ?? "–")</td></tr>"
        }.joined()
        let calls = try await store.recentCalls(limit: 10)
        let callItems = calls.map { "<li>\(html($0.number)) → \(html($0.counterName))</li>" }.joined()
        let body = """
            <header><h1>\(t["title"]!)</h1><span>\(html(staff)) · \(admin ? "<a href=\"/console/terminals?lang=\(language)\">Terminals</a> · " : "")<a href="/console?lang=\(language == "de" ? "en" : "de")&counter=\(html(counter?.id ?? ""))">\(t["other"]!)</a></span></header>
            <main>
            \(notice.map { "<p class=\"error\" role=\"status\">\(html($0))</p>" } ?? "")
            <form method="get" action="/console"><input type="hidden" name="lang" value="\(language)">
            <label for="counter">\(t["counter"]!)</label> <select id="counter" name="counter">\(counterOptions)</select> <button type="submit">\(t["choose"]!)</button></form>
            <section aria-labelledby="h-current"><h2 id="h-current">\(t["current"]!)</h2>\(currentBlock)
            <p>\(actionForm("next", ticket: nil))</p></section>
            <section aria-labelledby="h-queues"><h2 id="h-queues">\(t["queues"]!)</h2><table>\(queueRows)</table></section>
            \(parked.isEmpty ? "" : "<section aria-labelledby=\"h-parked\"><h2 id=\"h-parked\">\(t["parked"]!)</h2><ul>\(parkedRows)</ul></section>")
            <section aria-labelledby="h-devices"><h2 id="h-devices">\(t["devices"]!)</h2><table id="devices">\(healthRows)\(seenRows)</table></section>
            <section aria-labelledby="h-calls"><h2 id="h-calls">\(t["calls"]!)</h2><ul id="calls" aria-live="polite">\(callItems)</ul></section>
            </main>
            """
        let script = """
            const list = document.getElementById('calls');
            const source = new EventSource('/v1/calls/stream?after=\(calls.first?.id ?? 0)');
            source.addEventListener('call', (event) => {
              const call = JSON.parse(event.data);
              const item = document.createElement('li');
              item.textContent = call.number + ' → ' + call.counterName;
              list.prepend(item);
            });
            """
        return page(title: t["title"]!, language: language, body: body, script: script)
    }

    static func displayPage(calls: [CallAnnouncement], language: String, siteName: String, followURL: String? = nil) -> String {
        let t = texts(language)
        // The QR code for following the queue on a phone; the link is written out too, for those without a scanner.
        let follow = followURL.flatMap { url in
            (try? QRCode(text: url, errorCorrection: .medium)).map { code in
                """
                <aside class="follow" data-follow="\(html(url))"><div class="qr" role="img" aria-label="\(html(t["follow"]!)): \(html(url))">\(code.svg())</div>
                <p>\(html(t["follow"]!))<br>\(html(url))</p></aside>
                """
            }
        } ?? ""
        let items = calls.enumerated().map { index, call in
            "<li\(index == 0 ? " class=\"new\"" : "") data-call=\"\(call.id)\"><span>\(html(call.number))</span><span>\(html(call.counterName))</span></li>"
        }.joined()
        let body = """
            <header><h1>\(t["display"]!)</h1><span>\(html(siteName))</span></header>
            <main><ul class="calls" id="calls" aria-live="assertive">\(items)</ul>\(follow)
            <audio id="gong" src="/display/gong.wav" preload="auto"></audio><audio id="voice"></audio></main>
            """
        let script = """
            const list = document.getElementById('calls');
            const gong = document.getElementById('gong');
            const voice = document.getElementById('voice');
            const queue = [];
            let speaking = false;
            function speakNext() {
              if (speaking || queue.length === 0) return;
              speaking = true;
              const id = queue.shift();
              gong.currentTime = 0;
              gong.onended = () => { voice.src = '/v1/calls/' + id + '/speech.wav'; voice.play().catch(() => { speaking = false; speakNext(); }); };
              voice.onended = () => { speaking = false; speakNext(); };
              gong.play().catch(() => { speaking = false; speakNext(); });
            }
            const source = new EventSource('/v1/calls/stream?after=\(calls.first?.id ?? 0)');
            source.addEventListener('call', (event) => {
              const call = JSON.parse(event.data);
              for (const old of list.querySelectorAll('li.new')) old.classList.remove('new');
              const item = document.createElement('li');
              item.className = 'new';
              item.dataset.call = call.id;
              item.innerHTML = '<span></span><span></span>';
              item.children[0].textContent = call.number;
              item.children[1].textContent = call.counterName;
              list.prepend(item);
              while (list.children.length > 8) list.lastElementChild.remove();
              document.body.dataset.lastSpoken = call.id;
              queue.push(call.id);
              speakNext();
            });
            """
        return page(title: t["display"]!, language: language, body: body, script: script)
    }
}

extension APIErrorBody {
    func message(_ language: String) -> String { language == "en" ? en : de }
}
