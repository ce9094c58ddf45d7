namespace ManagedServices.Offers;

/// <summary>Who can buy a <see cref="Plan"/>.</summary>
public enum PlanVisibility
{
    /// <summary>Anyone. Once published as public, a plan can never become private.</summary>
    Public = 0,

    /// <summary>Only the subscriptions in the plan's audience.</summary>
    Private = 1,
}
