using System.Runtime.CompilerServices;
using EventAttribution = NetWatch.Core.Events.Attribution;

namespace NetWatch.Core.Identity;

/// <summary>
/// The last valid proxy login at one address where nobody was expected: the name as logged, whom the directory found
/// for it (<see cref="Person"/>, <see cref="Name"/>), and the situation it met with the outcome there. The next such
/// event there (a staff member's phone on the Wi-Fi logs one request after another) usually has the same name: in the
/// same situation it comes to the same outcome (<see cref="Name"/>, <see cref="Attribution"/>), in another the
/// directory need not be asked again.
/// </summary>
/// <param name="Situation">Null when the outcome is not to be repeated (it recorded a finding, which must count every
/// event, or the logon was ambiguous).</param>
internal readonly record struct LoginOutcome(
    string Login, Person? Person, string Name, AddressSituation? Situation, EventAttribution Attribution)
{
    /// <summary>The directory's answer for <paramref name="login"/> is <see cref="Person"/> and <see cref="Name"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Knows(string login) => string.Equals(Login, login);

    /// <summary><see cref="Name"/> and <see cref="Attribution"/> are <paramref name="login"/>'s outcome in <paramref name="situation"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Answers(string login, AddressSituation situation) => ReferenceEquals(Situation, situation) && Knows(login);
}
