using NetWatch.Storage.Writing;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// A checkpoint asks whether the store stage was behind since the last checkpoint started: a moment of keeping up just
/// before it (the state flips every few seconds at a rate near the store's) must not make it merge what the behind
/// sessions left.
/// </summary>
public sealed class BehindSinceLastLookTests
{
    [Fact]
    public void Never_told_is_not_behind()
    {
        Assert.False(new BehindSinceLastLook().Look());
    }

    [Fact]
    public void Behind_then_keeping_up_before_the_look_still_counts_as_behind_once()
    {
        var state = new BehindSinceLastLook();
        state.Tell(true);
        state.Tell(false);
        Assert.True(state.Look());
        Assert.False(state.Look());
    }

    [Fact]
    public void Behind_now_counts_at_every_look()
    {
        var state = new BehindSinceLastLook();
        state.Tell(false);
        state.Tell(true);
        Assert.True(state.Look());
        Assert.True(state.Look());
    }
}
