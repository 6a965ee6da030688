package org.yiwang.mpi;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.matching.ChineseNames;
import org.yiwang.platform.crypto.FieldEncryption;

/**
 * Checks a {@link ResidentDraft} field by field and collects every problem at once, each precise enough to fix:
 * which character of which number, which date does not exist, which document already belongs to whom.
 */
@Component
class ResidentValidator {

    private static final int EARLIEST_BIRTH_YEAR = 1880;

    /** A draft that passed every check, normalised. */
    record ValidResident(String name, String pinyin, String pinyinKey, Sex sex, LocalDate birthDate,
            String ethnicityCode, List<IdentityDocumentNumber> documents, List<PhoneNumber> phones,
            String divisionCode, String address, Long guardianId, Long householdMemberId) {
    }

    /** What the validator needs to know about the record being edited; null when registering. */
    record Existing(long residentId, List<IdentityDocumentNumber> keptDocumentFacts) {
    }

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final CountyDivisions divisions;
    private final MpiProperties properties;

    ResidentValidator(JdbcClient jdbc, FieldEncryption encryption, CountyDivisions divisions, MpiProperties properties) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.divisions = divisions;
        this.properties = properties;
    }

    /** Toneless pinyin ({@code zhang wei}) and its search key ({@code zhangwei}) of a name. */
    static String[] pinyin(String name) {
        String pinyin = ChineseNames.toneless(name);
        return new String[] {pinyin, pinyin.replace(" ", "")};
    }

    /** The key a search or blind index uses for a document: passports are unique per issuing country. */
    static String indexedValue(IdentityDocumentNumber number) {
        return number.type() == IdentityDocumentType.PASSPORT ? number.issuingCountry() + ":" + number.value()
                : number.value();
    }

    ValidResident validate(ResidentDraft draft, Existing existing, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();

        String name = null;
        switch (ResidentName.parse(draft.name())) {
            case ResidentName.Valid valid -> name = valid.name().value();
            case ResidentName.Invalid invalid -> problems.add(new FieldProblem("name", invalid.error().messageKey(),
                    invalid.error().parameters()));
        }

        Sex sex = null;
        try {
            sex = draft.sex() == null || draft.sex().isBlank() ? null : Sex.fromCode(Integer.parseInt(draft.sex().strip()));
        } catch (IllegalArgumentException e) {
            sex = null;
        }
        if (sex == null) {
            problems.add(FieldProblem.of("sex", "mpi.sex.error.REQUIRED"));
        }

        LocalDate birthDate = birthDate(draft.birthDate(), today, problems);

        String ethnicity = draft.ethnicityCode() == null ? "" : draft.ethnicityCode().strip();
        if (Ethnicity.fromCode(ethnicity).isEmpty()) {
            problems.add(FieldProblem.of("ethnicity", "mpi.ethnicity.error.UNKNOWN", ethnicity));
        }

        List<IdentityDocumentNumber> documents = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < draft.documents().size(); i++) {
            ResidentDraft.DocumentInput input = draft.documents().get(i);
            if (input == null || input.isBlank()) {
                continue;
            }
            String field = "documents[" + i + "]";
            if (input.type() == null) {
                problems.add(FieldProblem.of(field + ".type", "mpi.document.error.TYPE_REQUIRED"));
                continue;
            }
            switch (IdentityDocumentNumber.parse(input.type(), input.number(), input.issuingCountry(), today)) {
                case IdentityDocumentNumber.Invalid invalid -> {
                    DocumentError error = invalid.error();
                    boolean countryProblem = error.code() == DocumentError.Code.ISSUING_COUNTRY_REQUIRED
                            || error.code() == DocumentError.Code.ISSUING_COUNTRY_INVALID;
                    problems.add(new FieldProblem(field + (countryProblem ? ".issuingCountry" : ".number"),
                            error.messageKey(), error.parameters()));
                }
                case IdentityDocumentNumber.Valid valid -> {
                    IdentityDocumentNumber number = valid.number();
                    if (!seen.add(number.type() + ":" + indexedValue(number))) {
                        problems.add(FieldProblem.of(field + ".number", "mpi.document.error.ENTERED_TWICE"));
                        continue;
                    }
                    documents.add(number);
                    // the holder is named by health-record number only: a failed registration writes no audit entry
                    registeredTo(number, existing).ifPresent(owner -> problems.add(FieldProblem.of(field + ".number",
                            "mpi.document.error.ALREADY_REGISTERED", owner.healthRecordNumber())));
                    consistency(field, number, sex, birthDate, problems);
                }
            }
        }
        if (existing != null) {
            for (IdentityDocumentNumber kept : existing.keptDocumentFacts()) {
                consistency("birthDate", kept, sex, birthDate, problems);
            }
        }

        List<PhoneNumber> phones = new ArrayList<>();
        for (int i = 0; i < draft.phones().size(); i++) {
            String raw = draft.phones().get(i);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            switch (PhoneNumber.parse(raw)) {
                case PhoneNumber.Valid valid -> phones.add(valid.phone());
                case PhoneNumber.Invalid invalid -> problems.add(new FieldProblem("phones[" + i + "]",
                        invalid.error().messageKey(), invalid.error().parameters()));
            }
        }

        String division = draft.divisionCode() == null ? "" : draft.divisionCode().strip();
        if (division.isEmpty()) {
            problems.add(FieldProblem.of("divisionCode", "mpi.division.error.REQUIRED"));
        } else if (!divisions.isKnownVillage(division)) {
            problems.add(FieldProblem.of("divisionCode", "mpi.division.error.UNKNOWN", division));
        }
        String address = draft.address() == null ? null : draft.address().strip();
        if (address != null && address.length() > 200) {
            problems.add(FieldProblem.of("address", "mpi.address.error.TOO_LONG", 200, address.length()));
        }

        Long guardianId = guardian(draft.guardianHealthRecordNumber(), existing, today, problems);
        boolean hasDocument = !documents.isEmpty() || (existing != null && !existing.keptDocumentFacts().isEmpty());
        if (guardianId == null && !hasDocument && birthDate != null
                && Period.between(birthDate, today).getYears() < properties.adultAge()
                && problems.stream().noneMatch(p -> p.field().equals("guardian"))
                && problems.stream().noneMatch(p -> p.field().startsWith("documents"))) {
            problems.add(FieldProblem.of("guardian", "mpi.guardian.error.REQUIRED_WITHOUT_DOCUMENT", properties.adultAge()));
        }

        Long householdMemberId = null;
        String member = blankToNull(draft.householdMemberHealthRecordNumber());
        if (member != null) {
            householdMemberId = residentIdByHealthRecordNumber(member).orElse(null);
            if (householdMemberId == null) {
                problems.add(FieldProblem.of("household", "mpi.household.error.NOT_FOUND", member));
            }
        }

        if (!problems.isEmpty()) {
            throw new ResidentInputException(problems);
        }
        String[] pinyin = pinyin(name);
        return new ValidResident(name, pinyin[0], pinyin[1], sex, birthDate, ethnicity, List.copyOf(documents),
                List.copyOf(phones), division, address == null || address.isEmpty() ? null : address, guardianId,
                householdMemberId);
    }

    private LocalDate birthDate(String raw, LocalDate today, List<FieldProblem> problems) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            problems.add(FieldProblem.of("birthDate", "mpi.birthDate.error.REQUIRED"));
            return null;
        }
        if (!value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            problems.add(FieldProblem.of("birthDate", "mpi.birthDate.error.FORMAT", value));
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(value.substring(0, 4)), Integer.parseInt(value.substring(5, 7)),
                    Integer.parseInt(value.substring(8, 10)));
        } catch (DateTimeException e) {
            problems.add(FieldProblem.of("birthDate", "mpi.birthDate.error.IMPOSSIBLE", value));
            return null;
        }
        if (date.isAfter(today)) {
            problems.add(FieldProblem.of("birthDate", "mpi.birthDate.error.FUTURE", value));
            return null;
        }
        if (date.getYear() < EARLIEST_BIRTH_YEAR) {
            problems.add(FieldProblem.of("birthDate", "mpi.birthDate.error.TOO_EARLY", value, EARLIEST_BIRTH_YEAR));
            return null;
        }
        return date;
    }

    /** ID-01/ID-02: the birth date and sex entered must be those the number carries. */
    private static void consistency(String field, IdentityDocumentNumber number, Sex sex, LocalDate birthDate,
            List<FieldProblem> problems) {
        if (!number.type().carriesBirthDateAndSex()) {
            return;
        }
        if (birthDate != null && !birthDate.equals(number.birthDate())) {
            problems.add(FieldProblem.of("birthDate", "mpi.birthDate.error.DOCUMENT_MISMATCH", birthDate,
                    number.birthDate()));
        }
        if ((sex == Sex.MALE || sex == Sex.FEMALE) && sex != number.sex()) {
            problems.add(FieldProblem.of("sex", number.sex() == Sex.MALE
                    ? "mpi.sex.error.DOCUMENT_SAYS_MALE" : "mpi.sex.error.DOCUMENT_SAYS_FEMALE"));
        }
    }

    record Owner(long id, String healthRecordNumber) {
    }

    /** The living resident (other than the one edited) who already holds this document number. */
    Optional<Owner> registeredTo(IdentityDocumentNumber number, Existing existing) {
        return jdbc.sql("""
                        select r.id, r.health_record_number
                        from mpi.identity_document d join mpi.resident r on r.id = d.resident_id
                        where d.type = :type and d.number_index = :index and d.voided_at is null
                          and r.voided_at is null and r.id <> :self
                        limit 1
                        """)
                .param("type", number.type().name())
                .param("index", encryption.blindIndex(indexedValue(number), number.type().context()))
                .param("self", existing == null ? -1L : existing.residentId())
                .query((rs, row) -> new Owner(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    private Long guardian(String raw, Existing existing, LocalDate today, List<FieldProblem> problems) {
        String number = blankToNull(raw);
        if (number == null) {
            return null;
        }
        record Guardian(long id, LocalDate birthDate, String name) {
        }
        Optional<Guardian> guardian = jdbc.sql("""
                        select id, birth_date, name from mpi.resident
                        where voided_at is null and id = """ + ResidentQueries.currentRecord("health_record_number = :number"))
                .param("number", number)
                .query((rs, row) -> new Guardian(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3)))
                .optional();
        if (guardian.isEmpty()) {
            problems.add(FieldProblem.of("guardian", "mpi.guardian.error.NOT_FOUND", number));
            return null;
        }
        if (existing != null && guardian.get().id() == existing.residentId()) {
            problems.add(FieldProblem.of("guardian", "mpi.guardian.error.SELF"));
            return null;
        }
        int age = Period.between(guardian.get().birthDate(), today).getYears();
        if (age < properties.adultAge()) {
            problems.add(FieldProblem.of("guardian", "mpi.guardian.error.NOT_ADULT", guardian.get().name(), age,
                    properties.adultAge()));
            return null;
        }
        return guardian.get().id();
    }

    private Optional<Long> residentIdByHealthRecordNumber(String number) {
        return jdbc.sql("select id from mpi.resident where voided_at is null and id = "
                        + ResidentQueries.currentRecord("health_record_number = :number"))
                .param("number", number)
                .query(Long.class)
                .optional();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
