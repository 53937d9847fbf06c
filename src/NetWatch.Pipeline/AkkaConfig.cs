using Akka.Configuration;

namespace NetWatch.Pipeline;

/// <summary>Actor system settings: warnings only, so that a CLI's output stays its own.</summary>
internal static class AkkaConfig
{
    public static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-config-on-start = off
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """);
}
