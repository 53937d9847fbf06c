using System.Runtime.CompilerServices;

namespace NetWatch.Core.Events;

/// <summary>
/// The fields the enrichment stages set, written on an event in place (<see cref="IInPlaceEnricher"/>): the init
/// accessors of NetEvent's properties called as methods (UnsafeAccessor binds to them by name and signature), so that
/// NetEvent keeps its init-only shape for everyone else.
/// </summary>
internal static class EnrichedFields
{
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_UserName")]
    public static extern void SetUserName(NetEvent e, string? value);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Attribution")]
    public static extern void SetAttribution(NetEvent e, Attribution? value);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Classification")]
    public static extern void SetClassification(NetEvent e, Classification? value);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Policy")]
    public static extern void SetPolicy(NetEvent e, PolicyDecision? value);
}
