/// The release of the kiosk software, as `--version` prints it.
public enum KioskVersion {
    /// Equal to the repository's `VERSION` file (a test keeps them equal); the Debian packages take their version
    /// from that file.
    public static let current = "0.1.0"
}
