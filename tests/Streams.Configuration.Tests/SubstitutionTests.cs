namespace Streams.Configuration.Tests;

[Trait("Tier", "Unit")]
public sealed class SubstitutionTests : ConfigTestBase
{
    private const string Secret = "s3cr3t-hunter2";

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Set_variables_are_substituted_inside_values()
    {
        var options = Load(
            "pipeline:\n  name: ${SITE}-pipeline\n  instance_id: \"${SITE}-${REPLICA}\"\nruntime:\n  queue_capacity: ${QUEUE}\n",
            Env(("SITE", "lobby"), ("REPLICA", "3"), ("QUEUE", "12")));

        Assert.Equal(("lobby-pipeline", "lobby-3", 12), (options.Pipeline.Name, options.Pipeline.InstanceId, options.Runtime.QueueCapacity));
    }

    [Fact]
    public void Defaults_apply_when_a_variable_is_unset_or_empty()
    {
        var options = Load(
            "pipeline:\n  name: ${NAME:-fallback}\n  instance_id: ${EMPTY:-id-7}\nlogging:\n  file: ${LOG_FILE:-}\n",
            Env(("EMPTY", "")));

        Assert.Equal(("fallback", "id-7"), (options.Pipeline.Name, options.Pipeline.InstanceId));
        Assert.Null(options.Logging.File);
    }

    [Fact]
    public void A_set_variable_wins_over_its_default()
    {
        var options = Load("pipeline:\n  name: ${NAME:-fallback}\n", Env(("NAME", "set")));

        Assert.Equal("set", options.Pipeline.Name);
    }

    [Fact]
    public void Double_dollar_escapes_a_literal_placeholder()
    {
        var options = Load("pipeline:\n  name: cost-$${NAME}\n");

        Assert.Equal("cost-${NAME}", options.Pipeline.Name);
    }

    [Fact]
    public void Unset_variable_without_default_is_reported_at_its_scalar()
    {
        var error = SingleError("sinks:\n  - type: kafka\n    settings:\n      sasl.password: ${KAFKA_PASSWORD}\n");

        AssertError(error, 4, 22, "sinks[0].settings.sasl.password",
            "environment variable 'KAFKA_PASSWORD' is not set and has no default (write '${KAFKA_PASSWORD:-default}' to give one)");
    }

    [Fact]
    public void Every_unset_variable_of_one_value_is_named()
    {
        var error = SingleError("pipeline:\n  name: ${SITE}-${ROLE}-${SITE}-${SET}\n", Env(("SET", "x")));

        AssertError(error, 2, 9, "pipeline.name",
            "environment variables 'SITE' and 'ROLE' are not set and have no default (write '${NAME:-default}' to give one)");
    }

    [Fact]
    public void Every_unset_variable_is_reported()
    {
        var errors = Errors("pipeline:\n  name: ${A}\n  instance_id: ${B}\n");

        Assert.Equal(["pipeline.name", "pipeline.instance_id"], errors.Select(static e => e.KeyPath));
    }

    [Fact]
    public void Unterminated_placeholder_is_reported()
    {
        var error = SingleError("pipeline:\n  name: ${NAME\n");

        AssertError(error, 2, 9, "pipeline.name", "unterminated '${' (write '$${' for a literal '${')");
    }

    [Fact]
    public void A_substituted_secret_never_appears_in_an_error_message()
    {
        var env = Env(("PASSWORD", Secret), ("BROKER_TOPIC", Secret + " x"), ("QUEUE", Secret), ("CAM", Secret), ("OTHER", Secret + "2"));
        var errors = Errors("""
            runtime:
              queue_capacity: ${QUEUE}
              shutdown_timeout: ${PASSWORD}
            logging:
              level: ${PASSWORD}
            sources:
              - { id: "${CAM}", uri: "rtsp://${CAM}@cam/1" }
              - { id: "${CAM}", uri: "rtsp://${CAM}@cam/2" }
            analytics:
              zones:
                - { id: z, stream: "${OTHER}", polygon: [[0, 0], [1, 0], [1, 1]] }
            sinks:
              - type: kafka
                topic: ${BROKER_TOPIC}
                settings: { sasl.password: [ "${PASSWORD}" ] }
            """, env);

        Assert.Equal(
            [
                "pipeline.yaml:2:19: runtime.queue_capacity: expected an integer, got the value of ${QUEUE}",
                "pipeline.yaml:3:21: runtime.shutdown_timeout: invalid duration the value of ${PASSWORD}; write a number with a unit: 250ms, 10s, 2m, 1h (a bare number is seconds)",
                "pipeline.yaml:5:10: logging.level: invalid value the value of ${PASSWORD}; expected one of: verbose, debug, information, warning, error",
                "pipeline.yaml:8:11: sources[1].id: duplicate source id the value of ${CAM}; first declared at line 7",
                "pipeline.yaml:11:24: analytics.zones[0].stream: unknown stream the value of ${OTHER}; declared sources: the value of ${CAM}",
                "pipeline.yaml:14:12: sinks[0].topic: invalid Kafka topic the value of ${BROKER_TOPIC}; use 1-249 letters, digits, '.', '_' or '-', and not '.' or '..'",
                "pipeline.yaml:15:32: sinks[0].settings.sasl.password: expected a string, got a list",
            ],
            errors.Select(static e => e.ToString()));
        Assert.All(errors, e => Assert.DoesNotContain("hunter2", e.ToString(), StringComparison.Ordinal));
    }
}
