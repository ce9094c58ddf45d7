namespace ManagedServices.Arm;

/// <summary>Options of <see cref="OnboardingTemplate.Write"/>.</summary>
public sealed record OnboardingWriteOptions
{
    /// <summary>The api-version of the <c>Microsoft.ManagedServices</c> resources, or null to use
    /// <see cref="ManagedServicesApiVersions.Default"/>. An explicit version that cannot carry the manifest's features
    /// is reported (<see cref="DiagnosticCodes.ApiVersionTooOld"/>), never silently dropped.</summary>
    public string? ApiVersion { get; init; }
}
