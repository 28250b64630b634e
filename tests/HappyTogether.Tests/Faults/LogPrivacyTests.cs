using HappyTogether.Tests.Infrastructure;
using Xunit.Sdk;

namespace HappyTogether.Tests.Faults;

/// <summary>The suite-wide log check itself: it must catch what it is there to catch, and only that.</summary>
public class LogPrivacyTests
{
    [Theory]
    [InlineData("Information Conversation: inbound from +13125550181.")]
    [InlineData("Information Conversation: inbound from 13125550181")]
    [InlineData("Warning Sender: could not send to (312) 555-0181")]
    [InlineData("Warning Sender: could not send to 312-555-0181.")]
    [InlineData("GET /devstoreaccount1/phones(PartitionKey='%2B13125550181',RowKey='phone')")]
    [InlineData("Error Host: partner said: we cooked pasta together tonight")]
    public void A_line_with_a_whole_phone_number_or_a_texted_body_fails(string line) =>
        Assert.Throws<TrueException>(() => LogPrivacy.Check([line], ["We cooked pasta together tonight".ToLowerInvariant()]));

    [Theory]
    [InlineData("Information Sender: Sent evening 2027-01-05 to couple c1a2b3 partner a (***0181) as SM00000000000000000000000000000001.")]
    [InlineData("Information Scheduler: Scheduler tick: 2000 due slots, 1000 jobs queued, 0 skipped as too late.")]
    [InlineData("Information Consent: confirmation ref 638712345678901234 queued.")]
    [InlineData("Information Conversation: Inbound Stop from couple 7f3e partner b (***0182).")]
    [InlineData("Information Host: invocation bcb5e889-1747-4413-8579-7a7fdd194998 completed.")]
    [InlineData("Warning Azure.Core: GET /devstoreaccount1/history()?$filter=PartitionKey%20eq%20%27be4ca80e70006c91%27%20and%20RowKey%20ge%20%272026-11-20%27 took 3.2 s")]
    public void Masked_numbers_ids_and_counts_pass(string line) =>
        LogPrivacy.Check([line], ["We cooked pasta together tonight", "STOP"]);
}
