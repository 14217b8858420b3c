public import Foundation
public import KioskCore

/// Reads an `election.yaml` and the two CSV files it names (paths relative to it) into an import result.
public enum ElectionLoader {
    /// Loads and imports; a missing file, broken YAML, undecodable CSV or missing column is a `LoadError`,
    /// odd rows are the result's blemishes.
    public static func load(election given: URL) throws(LoadError) -> ElectionImport {
        let url = URL(fileURLWithPath: SiteLoader.absolute(given.path))
        let base = url.deletingLastPathComponent()
        func bytes(_ url: URL) throws(LoadError) -> [UInt8] {
            do {
                return Array(try Data(contentsOf: url))
            } catch {
                throw LoadError(description: "\(url.path): Datei nicht lesbar – Pfad prüfen / cannot read the file – check the path")
            }
        }
        func resolve(_ path: String) -> URL {
            URL(fileURLWithPath: path.hasPrefix("/") ? path : SiteLoader.absolute(base.path + "/" + path))
        }
        let configuration: ElectionConfiguration
        do {
            configuration = try ElectionConfiguration.parse(
                yaml: String(decoding: try bytes(url), as: UTF8.self), source: url.lastPathComponent)
        } catch let error as CatalogError {
            throw LoadError(description: error.description)
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "\(url.path): \(error)")
        }
        let placesURL = resolve(configuration.places.path)
        let streetsURL = resolve(configuration.streets.path)
        do {
            return try ElectionImport.read(
                configuration: configuration, placesCSV: try bytes(placesURL), streetsCSV: try bytes(streetsURL))
        } catch let error as ElectionImportError {
            let file = error.file == .pollingPlaces ? placesURL.lastPathComponent : streetsURL.lastPathComponent
            throw LoadError(description: "\(file)\(error.line.map { ":\($0)" } ?? ""): \(error.problem)")
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "\(url.path): \(error)")
        }
    }
}
