namespace NetWatch.Core.Policy.Engine;

/// <summary>Why a rule did not match an event (None: it matched).</summary>
public enum RuleMiss : byte { None, Time, Role, RoleKind, Safeguarding, Uncategorised, Category, Allow }
