import Foundation

/// Escapes text for HTML element content and attribute values.
func html(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.append(character)
        }
    }
    return result
}

/// Decodes an `application/x-www-form-urlencoded` body.
func formFields(_ body: String) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in body.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let decode = { (part: Substring) in part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
        fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
    }
    return fields
}

/// The page frame shared by the console and the display: language, contrast-safe colours (7:1), visible focus.
func page(title: String, language: String, body: String, script: String = "") -> String {
    """
    <!doctype html>
    <html lang="\(language)">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(html(title))</title>
    <style>
    body { font-family: "DejaVu Sans", sans-serif; background: #ffffff; color: #111111; margin: 0; }
    header { background: #0b2a4a; color: #ffffff; padding: 0.8rem 1.2rem; display: flex; justify-content: space-between; }
    header a { color: #ffffff; }
    main { padding: 1.2rem; }
    button, select, input { font-size: 1.1rem; padding: 0.5rem 0.9rem; margin: 0.2rem; }
    button { background: #0b2a4a; color: #ffffff; border: 0; border-radius: 4px; }
    :focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
    .error { background: #fde8e8; color: #7a0000; padding: 0.6rem; border-left: 4px solid #7a0000; }
    .current { font-size: 3rem; font-weight: bold; }
    table { border-collapse: collapse; } td, th { padding: 0.3rem 0.8rem; text-align: left; border-bottom: 1px solid #666666; }
    .display { background: #000000; color: #ffffff; min-height: 100vh; }
    .display header { background: #000000; border-bottom: 2px solid #ffffff; }
    .calls { list-style: none; padding: 0; font-size: 3rem; }
    .calls li { padding: 0.4rem 1rem; border-bottom: 1px solid #555555; display: flex; justify-content: space-between; }
    .calls li.new { background: #ffd400; color: #000000; font-weight: bold; }
    .follow { display: flex; align-items: center; gap: 1rem; margin-top: 1rem; }
    .follow .qr { width: 9rem; height: 9rem; background: #ffffff; }
    .follow .qr svg { width: 100%; height: 100%; }
    </style>
    </head>
    <body\(title.contains("Aufruf") || title.contains("Calls") ? " class=\"display\"" : "")>
    \(body)
    \(script.isEmpty ? "" : "<script>\n\(script)\n</script>")
    </body>
    </html>
    """
}
