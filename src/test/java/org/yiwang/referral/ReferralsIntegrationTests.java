package org.yiwang.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yiwang.IntegrationTest;
import org.yiwang.ecg.EcgFixtures;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.InvalidInputException;
import org.yiwang.registry.ServiceCode;
import org.yiwang.testing.WebSession;

/** The green channel (REF-08) a critical finding opens to the nearest chest-pain centre above the clinic (REF-03). */
@IntegrationTest
class ReferralsIntegrationTests {

    @Autowired
    Referrals referrals;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    UserDetailsService users;

    @LocalServerPort
    int port;

    EcgFixtures fixtures;
    long township;
    long county;
    long resident;

    @BeforeEach
    void townshipAndCountyClinicians() {
        fixtures = new EcgFixtures(jdbc, accounts, users);
        township = fixtures.townshipCentre();
        county = fixtures.countyHospital();
        resident = fixtures.freshResident();
        fixtures.staff("ref-it-township", township, Role.DOCTOR);
        fixtures.staff("ref-it-county", county, Role.DOCTOR);
        fixtures.staff("ref-it-other", fixtures.otherTownshipCentre(), Role.DOCTOR);
    }

    @AfterEach
    void backToSystem() {
        EcgFixtures.actAsSystem();
    }

    @Test
    void aGreenChannelFromATownshipGoesToTheCountyChestPainCentreWhichMayThenReadTheRecord() {
        fixtures.actAs("ref-it-township");
        ReferralSummary sent = referrals.requestGreenChannel(new GreenChannelRequest(resident,
                ServiceCode.CHEST_PAIN_CENTRE, "急性下壁ST段抬高型心肌梗死（疑似）", "ecg:it-1"));

        assertThat(sent.toOrganisationId()).isEqualTo(county);
        assertThat(sent.fromOrganisationId()).isEqualTo(township);
        assertThat(sent.priority()).isEqualTo(ReferralPriority.GREEN_CHANNEL);
        assertThat(sent.status()).isEqualTo(ReferralStatus.REQUESTED);
        assertThat(jdbc.sql("""
                        select count(*) from records.care_relationship
                        where resident_id = :r and organisation_id = :c and kind = 'REFERRAL_RECEIVED'""")
                .param("r", resident).param("c", county).query(Long.class).single()).isEqualTo(1);

        // one click twice (or a retry) sends one referral
        assertThat(referrals.requestGreenChannel(new GreenChannelRequest(resident, ServiceCode.CHEST_PAIN_CENTRE,
                "again", "ecg:it-1")).id()).isEqualTo(sent.id());

        fixtures.actAs("ref-it-county");
        assertThat(referrals.incoming(100)).extracting(ReferralSummary::id).contains(sent.id());
        assertThat(referrals.incoming(100).getFirst().priority()).isEqualTo(ReferralPriority.GREEN_CHANNEL);
        assertThat(referrals.accept(sent.id())).isTrue();
        assertThat(referrals.accept(sent.id())).isFalse();
        ReferralSummary accepted = referrals.find(sent.id()).orElseThrow();
        assertThat(accepted.status()).isEqualTo(ReferralStatus.ACCEPTED);
        assertThat(accepted.acceptedAt()).isAfterOrEqualTo(accepted.requestedAt());
        assertThat(referrals.incoming(100)).extracting(ReferralSummary::id).doesNotContain(sent.id());
    }

    @Test
    void onlyTheReceiverAcceptsAndOthersDoNotSeeTheReferral() {
        fixtures.actAs("ref-it-township");
        long id = referrals.requestGreenChannel(new GreenChannelRequest(resident, ServiceCode.CHEST_PAIN_CENTRE,
                "胸痛", "ecg:it-2")).id();

        fixtures.actAs("ref-it-other");
        assertThatThrownBy(() -> referrals.accept(id)).isInstanceOf(AccessDeniedException.class);
        assertThat(referrals.find(id)).isEmpty();
    }

    @Test
    void aReferralNeedsAReasonAndAKnownResident() {
        fixtures.actAs("ref-it-township");
        assertThatThrownBy(() -> referrals.requestGreenChannel(new GreenChannelRequest(resident,
                ServiceCode.CHEST_PAIN_CENTRE, "  ", null))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> referrals.requestGreenChannel(new GreenChannelRequest(-5,
                ServiceCode.CHEST_PAIN_CENTRE, "胸痛", null))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown resident");
    }

    @Test
    void theReceiverSeesTheGreenChannelOnItsIncomingPageAndAcceptsIt() {
        fixtures.actAs("ref-it-township");
        long id = referrals.requestGreenChannel(new GreenChannelRequest(resident, ServiceCode.CHEST_PAIN_CENTRE,
                "急性前壁心肌梗死（疑似）", "ecg:it-3")).id();
        EcgFixtures.actAsSystem();

        WebSession web = new WebSession(port);
        web.login("ref-it-county", DemoMode.DEMO_PASSWORD);
        HttpResponse<String> page = web.get("/referrals/incoming");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-referral-id=\"" + id + "\"").contains("绿色通道").contains("急性前壁心肌梗死（疑似）");

        WebSession sender = new WebSession(port);
        sender.login("ref-it-township", DemoMode.DEMO_PASSWORD);
        HttpResponse<String> slip = sender.get("/referrals/" + id);
        assertThat(slip.statusCode()).isEqualTo(200);
        assertThat(slip.body()).contains("绿色通道").contains("清水县人民医院").contains("待接诊");
        WebSession stranger = new WebSession(port);
        stranger.login("ref-it-other", DemoMode.DEMO_PASSWORD);
        assertThat(stranger.get("/referrals/" + id).statusCode()).isEqualTo(404);

        assertThat(web.post("/referrals/" + id + "/accept", Map.of()).statusCode()).isEqualTo(302);
        assertThat(sender.get("/referrals/" + id).body()).contains("已接诊");
        assertThat(jdbc.sql("select status from referral.referral where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("ACCEPTED");
    }
}
