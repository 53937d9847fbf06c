namespace NetWatch.Core.Policy;

public enum RoleKind : byte { Staff, Pupil }
