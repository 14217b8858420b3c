// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: imports say what leaks, existentials are spelled out.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "RathausKiosk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kioskd", targets: ["kioskd"]),
        .executable(name: "kioskctl", targets: ["kioskctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Domain values and rules; pure Swift, no I/O.
        .target(
            name: "KioskCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // Personal data sealed to central's X25519 key (HPKE): terminals seal, only central opens.
        .target(
            name: "KioskSealing",
            dependencies: ["KioskCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // The terminal's SQLite database: migrations, state, outbox.
        .target(
            name: "KioskStore",
            dependencies: [
                "KioskCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                // Signatures and IBANs are sealed to central's key before they reach the database file.
                "KioskSealing",
            ],
            swiftSettings: strict
        ),
        // Device model and the Devices/ catalog.
        .target(name: "Devices", dependencies: ["KioskCore", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        // libusb 1.0; only USBDevices imports it.
        .systemLibrary(name: "CLibUSB", pkgConfig: "libusb-1.0", providers: [.apt(["libusb-1.0-0-dev"])]),
        // libusb wrapper and the USB barcode scanner drivers (HID POS, keyboard wedge).
        .target(
            name: "USBDevices",
            dependencies: ["KioskCore", "Devices", "CLibUSB", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // libcups (libcups2-dev has no .pc file, so the module map links "cups" by name); only Printing imports it.
        .systemLibrary(name: "CCups", providers: [.apt(["libcups2-dev"])]),
        // pcsc-lite (Debian libpcsclite-dev); only CardReader imports it.
        .systemLibrary(name: "CPCSCLite", pkgConfig: "libpcsclite", providers: [.apt(["libpcsclite-dev"])]),
        // OpenPACE (Debian libeac-dev): PACE and secure messaging; only CardReader imports it.
        .systemLibrary(name: "CEAC", pkgConfig: "libeac", providers: [.apt(["libeac-dev"])]),
        // PC/SC readers and cards: reader and card events, card connections, the emulated twin, the PIN service.
        .target(
            name: "CardReader",
            dependencies: ["KioskCore", "CPCSCLite", "CEAC", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // The hand-off of online identification to AusweisApp's SDK (WebSocket on loopback).
        .target(
            name: "AusweisApp",
            dependencies: ["KioskCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // Test support for card readers: the emulated ID card, vpcd's card-side protocol, a test pcscd.
        .target(
            name: "CardReaderTesting", dependencies: ["KioskCore", "CardReader", "KioskTesting", "ChildProcess"],
            swiftSettings: strict),
        // Document model, ESC/POS encoding and printers: emulated twin, CUPS, direct DLE EOT status; PNG preview.
        .target(
            name: "Printing",
            dependencies: ["KioskCore", "Devices", "QRCode", "PNG", "CCups", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // QR code symbols (ISO/IEC 18004) as module matrices and SVG; pure Swift, no dependencies.
        .target(name: "QRCode", swiftSettings: strict),
        // zlib for PNG files; only the PNG module imports it.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // PNG files read and written: print previews, screenshots, golden images of both.
        .target(name: "PNG", dependencies: ["CZlib"], swiftSettings: strict),
        // sd_notify for the daemons under systemd (READY, WATCHDOG, STOPPING); no dependencies.
        .target(name: "ServiceNotify", swiftSettings: strict),
        // Child processes started with posix_spawn and collected by their own pid (espeak-ng, tests' peers).
        .target(name: "ChildProcess", swiftSettings: strict),
        // Test support shared by the test targets: a seeded generator, a small test site.
        .target(name: "KioskTesting", dependencies: ["KioskCore", "ChildProcess", .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        // Test support for printing: an ESC/POS decoder, example profiles, random documents, a private cupsd
        // and the printer emulator as child processes.
        .target(name: "PrintingTesting", dependencies: ["Printing", "KioskTesting", "ChildProcess"], swiftSettings: strict),
        // Screen model and renderers (terminal now, framebuffer later); input decoding.
        .target(name: "KioskUI", swiftSettings: strict),
        // FreeType rasterises the screen's glyphs; only KioskUIPixels imports it.
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        // HarfBuzz shapes text (Arabic joining, marks, kerning); only KioskUIPixels imports it.
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz", providers: [.apt(["libharfbuzz-dev"])]),
        // Linux fbdev structures and ioctl wrappers (header only, nothing to link); only KioskUIPixels imports it.
        .systemLibrary(name: "CFramebuffer"),
        // libdrm: KMS modesetting and dumb buffers, for displays whose driver offers DRM but no fbdev.
        .systemLibrary(name: "CDRM", pkgConfig: "libdrm", providers: [.apt(["libdrm-dev"])]),
        // The pixel renderer of the screen model: layout, text, themes, the Linux framebuffer and PNG screenshots.
        // A module of its own so that KioskUI and everything that only needs the screen model stay free of C
        // libraries.
        .target(
            name: "KioskUIPixels",
            dependencies: ["KioskUI", "PNG", "CFreeType", "CHarfBuzz", "CFramebuffer", "CDRM"],
            swiftSettings: strict
        ),
        // Terminal identity: P-256 keys, CSRs, the site CA and the checks on certificates; PEM files with safe modes.
        .target(
            name: "KioskIdentity",
            dependencies: [
                "KioskCore",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Metric names and the counters and gauges of kioskd and kiosk-central (swift-metrics), kept in a Prometheus
        // registry whose text the endpoints serve. No labels with personal data.
        .target(
            name: "KioskMetrics",
            dependencies: [
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        // kioskd's Prometheus endpoint on localhost: one Hummingbird route.
        .target(
            name: "MetricsEndpoint",
            dependencies: [
                "KioskMetrics", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Outbox pump, number block prefetch and snapshot pull against kiosk-central.
        .target(
            name: "KioskSync",
            dependencies: [
                "KioskCore", "KioskStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                // The client certificate and the site CA as trust root.
                "KioskIdentity",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // The central service: sync API, number blocks, storage.
        .target(
            name: "KioskCentral",
            dependencies: [
                "KioskCore", "ChildProcess", "QRCode", "KioskMetrics", "KioskSealing",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                // Site CA, terminal certificates, HTTPS with client certificates.
                "KioskIdentity",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        // Today's appointments of a scope from a ZMS / eappointment booking system, as import rows.
        .target(
            name: "ZMSAdapter",
            dependencies: ["KioskCore", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: strict
        ),
        // Speech output through espeak-ng (the CLI as a child process) and its emulated twin.
        .target(
            name: "KioskSpeech",
            dependencies: ["KioskCore", "ChildProcess", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // The flows as state machines wiring the modules above.
        .target(
            name: "KioskApp",
            dependencies: [
                "KioskCore", "KioskStore", "Devices", "Printing", "KioskUI", "QRCode", "KioskSync", "USBDevices", "CardReader",
                "KioskMetrics", "ChildProcess",
                // The technician PIN's hash in terminal.yaml.
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                "KioskSealing",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kioskd",
            dependencies: [
                "KioskCore", "KioskStore", "KioskApp", "KioskUI", "Devices", "Printing", "KioskSync", "ServiceNotify", "CardReader",
                // The pixel renderer; its fonts are opened only when the display is a framebuffer or off-screen.
                "KioskUIPixels",
                "KioskSpeech", "KioskMetrics", "MetricsEndpoint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kiosk-central",
            dependencies: [
                "KioskCentral", "KioskCore", "KioskIdentity", "ServiceNotify", "QRCode", "ZMSAdapter", "KioskMetrics",
                "KioskSealing",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kioskctl",
            dependencies: [
                "KioskCore", "KioskStore", "KioskApp", "Devices", "Printing", "KioskSync", "KioskIdentity", "CardReader", "USBDevices",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore", "KioskTesting"], swiftSettings: strict),
        .testTarget(
            name: "KioskSpeechTests", dependencies: ["KioskSpeech", "KioskCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        .testTarget(name: "DevicesTests", dependencies: ["Devices", "KioskCore"], swiftSettings: strict),
        .testTarget(
            name: "USBDevicesTests",
            dependencies: ["USBDevices", "Devices", "KioskCore", "KioskTesting", "ChildProcess", "Printing"],
            swiftSettings: strict
        ),
        // Sample screens both renderers' tests draw.
        .target(name: "KioskUITesting", dependencies: ["KioskUI"], swiftSettings: strict),
        .testTarget(name: "KioskUITests", dependencies: ["KioskUI", "KioskUITesting"], swiftSettings: strict),
        .testTarget(
            name: "KioskUIPixelsTests",
            dependencies: ["KioskUIPixels", "KioskUI", "PNG", "KioskUITesting"],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode", "KioskTesting"], swiftSettings: strict),
        .testTarget(
            name: "PrintingTests",
            dependencies: [
                "Printing", "PrintingTesting", "KioskTesting", "KioskCore", "QRCode", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KioskAppTests",
            dependencies: [
                "KioskApp", "KioskCore", "KioskStore", "KioskUI", "Printing", "PrintingTesting", "KioskTesting", "CardReader", "Devices",
                // The on-screen keyboard tests tap the pixel renderer's real keys.
                "KioskSync", "KioskSpeech", "KioskUIPixels", "ChildProcess",
                // The scanner drivers' messages reach the screen; CitizenMessagesTests lists them.
                "USBDevices",
                "KioskSealing",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KioskStoreTests",
            dependencies: [
                "KioskCore", "KioskStore", "KioskTesting", "ChildProcess", "KioskSealing",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Benchmarks with baselines measured in the same run (scripts/bench.sh).
        .executableTarget(
            name: "kiosk-benchmarks",
            dependencies: [
                "KioskCore", "KioskStore", "KioskSync", "KioskCentral", "ChildProcess", "Printing", "PrintingTesting",
                "KioskUI", "KioskUIPixels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/KioskBenchmarks",
            swiftSettings: strict
        ),
        .testTarget(
            name: "KioskCentralTests",
            dependencies: [
                "KioskCentral", "KioskCore", "KioskTesting", "ChildProcess", "QRCode", "KioskSync", "KioskStore", "KioskIdentity",
                "KioskMetrics", .product(name: "NIOCore", package: "swift-nio"),
                "KioskSealing",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ZMSAdapterTests",
            dependencies: [
                "ZMSAdapter", "KioskCore", "KioskTesting", "KioskCentral", "KioskSync", "KioskStore",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KioskSyncTests",
            dependencies: [
                "KioskSync", "KioskCentral", "KioskCore", "KioskStore", "KioskTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Runs the built executables as a user would (tmux, pipes); needs `swift build` first.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "KioskCore", "KioskStore", "KioskSync", "KioskCentral", "KioskTesting", "ChildProcess", "Printing", "PrintingTesting", "Devices",
                "PNG", "KioskSealing",
                // The touch test lays out the home screen as kioskd will, to know where to tap.
                "KioskApp", "KioskUI", "KioskUIPixels",
                // The headphone jack test says the expected prompt with espeak-ng to compare kioskd's speech with.
                "KioskSpeech",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // The Debian packages built by scripts/package-deb.sh, checked with lintian, installed, upgraded and purged
        // with apt on this machine (root only; runs a release build).
        .testTarget(name: "PackagingTests", dependencies: ["ChildProcess", "KioskTesting"], swiftSettings: strict),
        // A network ESC/POS printer on loopback for the CUPS tests: records job bytes, answers DLE EOT.
        .executableTarget(
            name: "printer-emulator",
            dependencies: ["PrintingTesting"],
            path: "Tests/PrinterEmulator",
            swiftSettings: strict
        ),
        // Opens a scanner with the real USB driver and prints its events as JSON lines; the USB tests run it
        // under umockdev-run.
        .executableTarget(
            name: "usb-scanner-probe",
            dependencies: ["USBDevices", "Devices", "KioskCore", "KioskTesting", .product(name: "Logging", package: "swift-log")],
            path: "Tests/USBScannerProbe",
            swiftSettings: strict
        ),
        // Opens a signature pad with the real USB driver, runs one capture and prints its events as JSON lines; the
        // signature pad tests run it under umockdev-run.
        .executableTarget(
            name: "usb-signature-probe",
            dependencies: ["USBDevices", "Devices", "KioskCore", "Printing", "KioskTesting", .product(name: "Logging", package: "swift-log")],
            path: "Tests/USBSignatureProbe",
            swiftSettings: strict
        ),
        // Signature pad pen decoding at the pad's report rate, and a signature rendered to PNG, with baselines.
        .executableTarget(
            name: "signature-benchmark",
            dependencies: ["USBDevices", "Devices", "KioskCore", "Printing"],
            path: "Benchmarks/Signature",
            swiftSettings: strict
        ),
        // Scanner report decoding (HID POS, keyboard wedge) against a plain copy of the same reports.
        .executableTarget(
            name: "scan-decoding-benchmark",
            dependencies: ["USBDevices", "Devices", "KioskCore", "KioskStore", "KioskApp", "KioskUI", "Printing", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/ScanDecoding",
            swiftSettings: strict
        ),
        // A German ID card on vsmartcard's vpcd reader, for the PC/SC tests (see its main.swift).
        .executableTarget(
            name: "id-card-emulator",
            dependencies: ["CardReaderTesting"],
            path: "Tests/IDCardEmulator",
            swiftSettings: strict
        ),
        .testTarget(
            name: "CardReaderTests",
            dependencies: [
                "CardReader", "CardReaderTesting", "AusweisApp", "KioskCore", "KioskTesting", "ChildProcess",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Shows a screen on /dev/fb0 (or writes the same frame as PNG); scripts/qemu-framebuffer.sh runs it in a VM.
        .executableTarget(
            name: "framebuffer-probe",
            dependencies: ["KioskUIPixels", "KioskUI"],
            path: "Tests/FramebufferProbe",
            swiftSettings: strict
        ),
        // Child process for the store's kill tests: issues tickets until it is killed.
        .executableTarget(
            name: "store-crash-worker",
            dependencies: ["KioskCore", "KioskStore", .product(name: "Logging", package: "swift-log")],
            path: "Tests/StoreCrashWorker",
            swiftSettings: strict
        ),
    ]
)
