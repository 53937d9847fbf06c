using NetWatch.Core.Events;
using NetWatch.Core.Parsing;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>The one table that maps what a proxy logged to event.action, rule by rule and in order.</summary>
public class EventActionRulesTests
{
    [Theory]
    [InlineData("DENIED", "", 403, "GET", "http://a/", EventActions.Denied)]
    [InlineData("DENIED", "", 200, "CONNECT", "https://a:443", EventActions.Denied)]
    [InlineData("TRUSTED", "", 407, "GET", "http://a/", EventActions.Trusted)] // flag beats the 407
    [InlineData("EXCEPTION", "", 200, "GET", "http://a/", EventActions.Allowed)]
    [InlineData("", "TCP_DENIED", 407, "GET", "http://a/", EventActions.AuthRequired)]
    [InlineData("", "TCP_MISS", 407, "GET", "http://a/", EventActions.AuthRequired)]
    [InlineData("", "TCP_DENIED", 403, "CONNECT", "a:8443", EventActions.Denied)]
    [InlineData("", "TCP_DENIED_REPLY", 403, "GET", "http://a/", EventActions.Denied)]
    [InlineData("", "NONE_NONE", 400, "HELLO", "error:invalid-request", EventActions.Error)]
    [InlineData("", "NONE_NONE", 503, "CONNECT", "a:443", EventActions.Error)]
    [InlineData("", "TCP_MISS", 502, "GET", "http://a/", EventActions.Error)]
    [InlineData("", "TCP_MISS", 503, "GET", "http://a:8080/", EventActions.Error)]
    [InlineData("", "TCP_MISS", 504, "GET", "http://a/", EventActions.Error)]
    [InlineData("", "TCP_MISS", 500, "GET", "http://a/error", EventActions.Allowed)]
    [InlineData("", "TCP_TUNNEL", 200, "CONNECT", "a:443", EventActions.Tunnel)]
    [InlineData("", "", 200, "CONNECT", "https://a:443", EventActions.Tunnel)]
    [InlineData("", "TCP_MISS_ABORTED", 200, "GET", "http://a/", EventActions.Allowed)]
    [InlineData("", "TCP_MISS", 404, "GET", "http://a/notfound", EventActions.Allowed)]
    [InlineData("", "TCP_MEM_HIT", 200, "GET", "http://a/", EventActions.Allowed)]
    public void Rules(string flag, string result, int status, string method, string url, string expected) =>
        Assert.Equal(expected, EventActionRules.Decide(flag, result, status, method, url));

    [Fact]
    public void No_status_at_all_is_not_mistaken_for_a_rule() =>
        Assert.Equal(EventActions.Allowed, EventActionRules.Decide("", "TCP_MISS", null, "GET", "http://a/"));
}
