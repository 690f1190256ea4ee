// placeholder until the TOML tests land
import Testing
