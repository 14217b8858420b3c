/// Where the Debian packages (scripts/package-deb.sh) put the kiosk's files; the executables' defaults point here so
/// that the installed commands need no path options.
public enum InstallLayout {
    /// The terminal's configuration, read by kioskd and kioskctl when `--config` is not given.
    public static let terminalConfiguration = "/etc/rathaus-kiosk/terminal.yaml"
    /// The device catalog the package ships; `terminal.devices` defaults to it.
    public static let devices = "/usr/share/rathaus-kiosk/Devices"
}
