// swift-tools-version:6.0
// edm: a command-line bulk email sender. No package dependencies by design: the toolchain, plus OpenSSL
// (TLS and all crypto) and glibc's iconv through system libraries. Module map: docs/ARCHITECTURE.md.
import PackageDescription

let package = Package(
    name: "edm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "edm", targets: ["edm"]),
    ],
    targets: [
        // The only door to OpenSSL; only EdmCrypto may import it.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "EdmCrypto", dependencies: ["COpenSSL"]),
        .target(name: "TOML"),
        .target(name: "Mustache"),
        .target(name: "CSV"),
        .target(name: "Mail", dependencies: ["EdmCrypto"]),
        .target(name: "SMTP", dependencies: ["EdmCrypto"]),
        .target(name: "Campaign", dependencies: ["TOML", "CSV", "Mustache", "Mail", "SMTP", "EdmCrypto"]),
        .target(name: "EdmCLI", dependencies: ["Campaign", "TOML", "Mail", "SMTP", "EdmCrypto"]),
        .executableTarget(name: "edm", dependencies: ["EdmCLI"]),

        .target(name: "EdmTestSupport", dependencies: ["EdmCLI"], path: "Tests/EdmTestSupport"),
        .testTarget(name: "TOMLTests", dependencies: ["TOML", "EdmTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CSVTests", dependencies: ["CSV"], exclude: ["Fixtures"]),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache"], exclude: ["Fixtures"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "EdmCrypto"], exclude: ["Fixtures", "DKIM/Fixtures", "Bounce/Fixtures"]),
        .testTarget(name: "SMTPTests", dependencies: ["SMTP", "EdmCrypto", "EdmTestSupport"]),
        .testTarget(name: "EdmCryptoTests", dependencies: ["EdmCrypto"]),
        .testTarget(name: "CampaignTests", dependencies: ["Campaign", "EdmTestSupport"]),
        .testTarget(name: "EdmCLITests", dependencies: ["EdmCLI", "EdmTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["EdmTestSupport"]),
    ]
)
