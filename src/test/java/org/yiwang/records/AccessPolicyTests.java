package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.Role;

/**
 * Who may read a resident's record (ARCHITECTURE.md "access is by relationship", PIPL-01/02): decided on synthetic
 * facts, without a database.
 */
class AccessPolicyTests {

    static final long RESIDENT = 10;
    static final long MERGED = 11;
    static final long CLINIC = 100;
    static final long HOSPITAL = 200;
    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final List<Long> IDS = List.of(RESIDENT, MERGED);

    static Actor staff(long account, long organisation, Role... roles) {
        return new Actor(account, "u" + account, "医生" + account, Actor.Kind.STAFF, Set.of(roles), organisation, null, null);
    }

    static Actor resident(long residentId) {
        return new Actor(9, "r", "居民", Actor.Kind.RESIDENT, Set.of(Role.RESIDENT), null, null, residentId);
    }

    static Actor apiClient(long organisation) {
        return new Actor(7, "api-client:7", "HIS", Actor.Kind.API_CLIENT, Set.of(), organisation, null, null);
    }

    static CareRelationship relationship(long resident, long organisation, CareRelationshipKind kind, Instant ends) {
        return new CareRelationship(1, resident, organisation, kind, null, NOW.minus(Duration.ofDays(10)), ends);
    }

    static AccessPolicy.Facts facts(List<CareRelationship> relationships, List<BreakGlass> glasses,
                                    List<SensitiveGrant> grants) {
        return new AccessPolicy.Facts(IDS, relationships, glasses, grants, NOW);
    }

    static AccessPolicy.Decision decide(Actor actor, AccessPolicy.Facts facts) {
        return AccessPolicy.decide(Optional.ofNullable(actor), facts);
    }

    @Test
    void aSystemJobWithoutAnActorReadsEverything() {
        AccessPolicy.Decision d = decide(null, AccessPolicy.Facts.of(IDS, NOW));

        assertThat(d.basis()).isEqualTo(AccessBasis.SYSTEM);
        assertThat(d.visibility().everything()).isTrue();
    }

    @Test
    void aDoctorOfAnOrganisationWithARelationshipReadsUnderAnyOfTheMergedIds() {
        var d = decide(staff(1, CLINIC, Role.DOCTOR), facts(List.of(relationship(MERGED, CLINIC,
                CareRelationshipKind.REFERRAL_RECEIVED, null)), List.of(), List.of()));

        assertThat(d.basis()).isEqualTo(AccessBasis.CARE_RELATIONSHIP);
        assertThat(d.relationships()).containsExactly(CareRelationshipKind.REFERRAL_RECEIVED);
        assertThat(d.visibility().viewerOrganisationId()).isEqualTo(CLINIC);
    }

    @Test
    void aDoctorWithoutARelationshipIsRefusedAndOfferedBreakGlass() {
        var d = decide(staff(1, CLINIC, Role.DOCTOR), facts(List.of(), List.of(), List.of()));

        assertThat(d.allowed()).isFalse();
        assertThat(d.breakGlassOffered()).isTrue();
    }

    @Test
    void anotherOrganisationsRelationshipDoesNotCount() {
        var d = decide(staff(1, CLINIC, Role.NURSE), facts(List.of(relationship(RESIDENT, HOSPITAL,
                CareRelationshipKind.TREATING, NOW.plus(Duration.ofDays(1)))), List.of(), List.of()));

        assertThat(d.allowed()).isFalse();
    }

    @Test
    void anEndedRelationshipNoLongerOpensTheRecord() {
        var d = decide(staff(1, CLINIC, Role.DOCTOR), facts(List.of(relationship(RESIDENT, CLINIC,
                CareRelationshipKind.TREATING, NOW)), List.of(), List.of()));

        assertThat(d.allowed()).isFalse();
    }

    @Test
    void aRelationshipWithAnotherResidentDoesNotCount() {
        var d = decide(staff(1, CLINIC, Role.DOCTOR), facts(List.of(relationship(99, CLINIC,
                CareRelationshipKind.FAMILY_DOCTOR, null)), List.of(), List.of()));

        assertThat(d.allowed()).isFalse();
    }

    @Test
    void commissionAnalystsNeverReadIndividualRecordsAndAreNotOfferedBreakGlass() {
        var d = decide(staff(1, CLINIC, Role.COMMISSION_ANALYST), facts(List.of(relationship(RESIDENT, CLINIC,
                CareRelationshipKind.TREATING, NOW.plus(Duration.ofDays(1)))), List.of(), List.of()));

        assertThat(d.allowed()).isFalse();
        assertThat(d.breakGlassOffered()).isFalse();
    }

    @Test
    void registrarsAndAdministratorsDoNotReadClinicalRecordsEvenWithARelationship() {
        var facts = facts(List.of(relationship(RESIDENT, CLINIC, CareRelationshipKind.TREATING,
                NOW.plus(Duration.ofDays(1)))), List.of(), List.of());

        assertThat(decide(staff(1, CLINIC, Role.REGISTRAR), facts).allowed()).isFalse();
        assertThat(decide(staff(1, CLINIC, Role.SYSTEM_ADMIN), facts).allowed()).isFalse();
    }

    @Test
    void theResidentReadsTheirOwnRecordUnderAMergedIdToo() {
        assertThat(decide(resident(MERGED), AccessPolicy.Facts.of(IDS, NOW)).basis()).isEqualTo(AccessBasis.SELF);
        assertThat(decide(resident(RESIDENT), AccessPolicy.Facts.of(IDS, NOW)).visibility().everything()).isTrue();
    }

    @Test
    void aResidentCannotReadSomeoneElsesRecordNorBreakTheGlass() {
        var d = decide(resident(12), AccessPolicy.Facts.of(IDS, NOW));

        assertThat(d.allowed()).isFalse();
        assertThat(d.breakGlassOffered()).isFalse();
    }

    @Test
    void aResidentReadsTheRecordOfSomeoneTheyRepresent() {
        var d = decide(resident(12), AccessPolicy.Facts.of(IDS, NOW).representing());

        assertThat(d.basis()).isEqualTo(AccessBasis.REPRESENTATIVE);
        assertThat(d.breakGlassOffered()).isFalse();
    }

    @Test
    void anApiClientReadsByItsOrganisationsRelationshipOnly() {
        var withRelationship = facts(List.of(relationship(RESIDENT, CLINIC, CareRelationshipKind.ECG_READING, null)),
                List.of(), List.of());

        assertThat(decide(apiClient(CLINIC), withRelationship).basis()).isEqualTo(AccessBasis.CARE_RELATIONSHIP);
        assertThat(decide(apiClient(HOSPITAL), withRelationship).allowed()).isFalse();
        assertThat(decide(apiClient(HOSPITAL), withRelationship).breakGlassOffered()).isFalse();
    }

    @Test
    void breakGlassOpensTheRecordForThatAccountAndOrganisationUntilItExpires() {
        BreakGlass glass = new BreakGlass(5, 1, CLINIC, MERGED, "昏迷送医", NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofHours(3)));
        var facts = facts(List.of(), List.of(glass), List.of());

        var d = decide(staff(1, CLINIC, Role.DOCTOR), facts);
        assertThat(d.basis()).isEqualTo(AccessBasis.BREAK_GLASS);
        assertThat(d.breakGlass()).isEqualTo(glass);
        assertThat(decide(staff(2, CLINIC, Role.DOCTOR), facts).allowed()).as("a colleague").isFalse();
        assertThat(decide(staff(1, HOSPITAL, Role.DOCTOR), facts).allowed()).as("another organisation").isFalse();
        var expired = new AccessPolicy.Facts(IDS, List.of(), List.of(glass), List.of(), NOW.plus(Duration.ofHours(3)));
        assertThat(decide(staff(1, CLINIC, Role.DOCTOR), expired).allowed()).as("expired").isFalse();
    }

    @Test
    void breakGlassDoesNotOpenSensitiveCategoriesWithoutAGrant() {
        BreakGlass glass = new BreakGlass(5, 1, CLINIC, RESIDENT, "抢救", NOW.minus(Duration.ofMinutes(5)),
                NOW.plus(Duration.ofHours(4)));

        var d = decide(staff(1, CLINIC, Role.DOCTOR), facts(List.of(), List.of(glass), List.of()));

        assertThat(d.visibility().openCategories()).isEmpty();
        assertThat(d.visibility().shows(entry(HOSPITAL, SensitiveCategory.MENTAL_HEALTH, null))).isFalse();
        assertThat(d.visibility().shows(entry(HOSPITAL, null, null))).isTrue();
    }

    @Test
    void aGrantInForceOpensItsCategoryOnlyToItsOrganisation() {
        SensitiveGrant hiv = new SensitiveGrant(3, RESIDENT, CLINIC, SensitiveCategory.HIV, 1L, "本人书面同意",
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), null);
        SensitiveGrant revoked = new SensitiveGrant(4, RESIDENT, CLINIC, SensitiveCategory.MENTAL_HEALTH, 1L, "同意",
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), NOW.minus(Duration.ofHours(1)));
        SensitiveGrant elsewhere = new SensitiveGrant(6, RESIDENT, HOSPITAL, SensitiveCategory.REPRODUCTIVE, 1L, "同意",
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), null);
        var facts = facts(List.of(relationship(RESIDENT, CLINIC, CareRelationshipKind.TREATING,
                NOW.plus(Duration.ofDays(1)))), List.of(), List.of(hiv, revoked, elsewhere));

        assertThat(decide(staff(1, CLINIC, Role.DOCTOR), facts).visibility().openCategories())
                .containsExactly(SensitiveCategory.HIV);
    }

    @Test
    void hiddenItemsAreShownOnlyToTheRecordingOrganisation() {
        Visibility clinic = new Visibility(CLINIC, Set.of(SensitiveCategory.HIV));
        Instant hidden = NOW.minus(Duration.ofDays(1));

        assertThat(clinic.shows(entry(CLINIC, null, hidden))).isTrue();
        assertThat(clinic.shows(entry(CLINIC, SensitiveCategory.MENTAL_HEALTH, hidden))).isTrue();
        assertThat(clinic.shows(entry(HOSPITAL, null, hidden))).isFalse();
        assertThat(clinic.shows(entry(HOSPITAL, SensitiveCategory.HIV, hidden))).as("a grant does not undo hiding").isFalse();
        assertThat(clinic.shows(entry(HOSPITAL, SensitiveCategory.HIV, null))).isTrue();
        assertThat(Visibility.EVERYTHING.shows(entry(HOSPITAL, SensitiveCategory.HIV, hidden))).isTrue();
    }

    @Test
    void staffActingForNoOrganisationAreRefused() {
        Actor lost = new Actor(1, "u", "u", Actor.Kind.STAFF, Set.of(Role.DOCTOR), null, null, null);

        assertThat(decide(lost, facts(List.of(), List.of(), List.of())).allowed()).isFalse();
        assertThat(AccessPolicy.mayBreakGlass(lost)).isFalse();
    }

    static ClinicalEntry entry(long organisation, SensitiveCategory sensitivity, Instant hiddenAt) {
        return new ClinicalEntry(1, RESIDENT, EntryKind.CONDITION, null, new Coding(Coding.ICD10, "F32.9", "抑郁发作"),
                null, "active", NOW, null, null, null, null, null, sensitivity, null, organisation, null, null, null,
                NOW, null, null, null, hiddenAt, List.of());
    }
}
