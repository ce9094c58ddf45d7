namespace ManagedServices.Arm;

/// <summary>Options of <see cref="OnboardingTemplate.Read"/>.</summary>
public sealed record OnboardingReadOptions
{
    /// <summary>
    /// Inline parameter values, as given on a command line (<c>--parameters name=value</c>); they win over the
    /// parameters file. For a <c>string</c> parameter the text is the value; for other types it is JSON.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableDictionary<string, string> ParameterOverrides { get; init => field = value ?? ImmutableDictionary<string, string>.Empty; } =
        ImmutableDictionary<string, string>.Empty;

    /// <summary>The subscription the template is (or would be) deployed to, used by <c>subscription()</c> and
    /// <c>resourceId()</c>. When null, a placeholder (the empty GUID) is used and reported.</summary>
    public SubscriptionId? SubscriptionId { get; init; }
}
