public import Hummingbird
public import Foundation
import HTTPTypes
import KioskCore

/// Following the queue on a phone: `/q` (every queue, the latest calls; the call display's QR code points
/// here) and `/q/{ticket}` (one ticket's place; the ticket's printed QR code points here).
///
/// No login: a ticket id is a random UUID that only its holder has, and the page shows the number and its
/// place, nothing about the person. The page reloads itself when a call is announced.
public enum FollowPages {
    static func texts(_ language: String) -> [String: String] {
        language == "en"
            ? [
                "title": "Follow the queue", "your": "Your number", "ahead": "waiting before you", "next": "You are next.",
                "called": "Please go to", "done": "Your visit is finished. Thank you!", "parked": "Your ticket is on hold; please wait.",
                "missed": "Your number was called and you were not there. Please ask at the information desk.",
                "unknown": "This ticket is not known (yet). Tickets appear here a few seconds after they are drawn.",
                "queues": "Queues", "waiting": "waiting", "calls": "Latest calls", "other": "Deutsch",
            ]
            : [
                "title": "Warteschlange verfolgen", "your": "Ihre Nummer", "ahead": "warten vor Ihnen", "next": "Sie sind als Nächstes dran.",
                "called": "Bitte gehen Sie zu", "done": "Ihr Anliegen ist abgeschlossen. Vielen Dank!", "parked": "Ihre Nummer ist zurückgestellt; bitte warten Sie.",
                "missed": "Ihre Nummer wurde aufgerufen, Sie waren nicht da. Bitte fragen Sie an der Information.",
                "unknown": "Diese Wartenummer ist (noch) nicht bekannt. Sie erscheint hier wenige Sekunden nach dem Ziehen.",
                "queues": "Warteschlangen", "waiting": "wartend", "calls": "Letzte Aufrufe", "other": "English",
            ]
    }

    /// Adds `/q` and `/q/{ticket}`.
    public static func add(
        to router: Router<CentralRequestContext>, store: any CentralStore, settings: CentralSettings, now: @escaping @Sendable () -> Date
    ) {
        let calendar = settings.catalog.site.calendar
        router.get("/q") { request, _ -> Response in
            let language = request.uri.queryParameters.get("lang") == "en" ? "en" : "de"
            let waiting = try await store.waitingCounts(day: calendar.businessDay(of: now()))
            let calls = try await store.recentCalls(limit: 5)
            return ConsolePages.htmlResponse(overviewPage(settings: settings, waiting: waiting, calls: calls, language: language))
        }
        router.get("/q/:ticket") { request, context -> Response in
            let language = request.uri.queryParameters.get("lang") == "en" ? "en" : "de"
            guard let id = UUID(uuidString: try context.parameters.require("ticket")) else {
                return ConsolePages.htmlResponse(ticketPage(status: nil, path: "/q", language: language), status: .notFound)
            }
            let status = try await store.followStatus(ticket: id)
            let calls = try await store.recentCalls(limit: 1)
            return ConsolePages.htmlResponse(
                ticketPage(status: status, path: "/q/\(id.uuidString.lowercased())", language: language, lastCall: calls.first?.id ?? 0),
                status: status == nil ? .notFound : .ok)
        }
    }

    /// Reloads the page, at most once a second, when a call newer than `after` is announced.
    static func reloadScript(after: Int64) -> String {
        """
        const source = new EventSource('/v1/calls/stream?after=\(after)');
        source.addEventListener('call', () => { source.close(); setTimeout(() => location.reload(), 1000); });
        """
    }

    static func ticketPage(status: FollowStatus?, path: String, language: String, lastCall: Int64 = 0) -> String {
        let t = texts(language)
        let other = "<a href=\"\(path)?lang=\(language == "de" ? "en" : "de")\">\(t["other"]!)</a>"
        guard let status else {
            return page(
                title: t["title"]!, language: language,
                body: "<header><h1>\(t["title"]!)</h1>\(other)</header><main><p id=\"state\">\(t["unknown"]!)</p></main>")
        }
        let state: String
        switch status.state {
        case .waiting: state = status.ahead == 0 ? t["next"]! : "<strong id=\"ahead\">\(status.ahead)</strong> \(t["ahead"]!)"
        case .called: state = "\(t["called"]!) <strong id=\"counter\">\(html(status.counterName ?? ""))</strong>"
        case .finished: state = t["done"]!
        case .parked: state = t["parked"]!
        case .missed: state = t["missed"]!
        }
        let body = """
            <header><h1>\(t["title"]!)</h1>\(other)</header>
            <main><p>\(t["your"]!)</p><p class="current" id="number">\(html(status.number))</p>
            <p id="state" aria-live="polite" data-state="\(status.state.rawValue)">\(state)</p></main>
            """
        let live = status.state == .waiting || status.state == .called || status.state == .parked
        return page(title: t["title"]!, language: language, body: body, script: live ? reloadScript(after: lastCall) : "")
    }

    static func overviewPage(settings: CentralSettings, waiting: [QueueID: Int], calls: [CallAnnouncement], language: String) -> String {
        let t = texts(language)
        let lang: Language = language == "en" ? .english : .german
        let rows = settings.catalog.queues.map { queue in
            "<tr><td>\(html(queue.prefix))</td><td>\(html(queue.name[lang]))</td><td data-queue=\"\(html(queue.id.rawValue))\">\(waiting[queue.id] ?? 0) \(t["waiting"]!)</td></tr>"
        }.joined()
        let items = calls.map { "<li>\(html($0.number)) → \(html($0.counterName))</li>" }.joined()
        let body = """
            <header><h1>\(t["title"]!)</h1><span>\(html(settings.catalog.site.name[lang])) · <a href="/q?lang=\(language == "de" ? "en" : "de")">\(t["other"]!)</a></span></header>
            <main><h2>\(t["calls"]!)</h2><ul id="calls" aria-live="polite">\(items)</ul>
            <h2>\(t["queues"]!)</h2><table>\(rows)</table></main>
            """
        return page(title: t["title"]!, language: language, body: body, script: reloadScript(after: calls.first?.id ?? 0))
    }
}
