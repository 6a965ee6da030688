package org.yiwang.mpi.matching;

import java.util.Map;
import java.util.Objects;

/**
 * One registration of a person as typed by an institution. Every value is raw text and may be empty, partial or
 * wrong: {@code birthDate} as {@code YYYY-MM-DD}, {@code YYYYMMDD} or partial; {@code idNumber} of any length;
 * {@code sex} {@code M}/{@code F} (or 男/女, 1/2). {@code extra} carries fields of other schemas (the FEBRL
 * columns {@code given_name}, {@code surname}, {@code street_number}, {@code address_1}, {@code address_2},
 * {@code suburb}, {@code postcode}, {@code state}). Nulls become empty strings.
 */
public record PersonRecord(String recordId, String name, String sex, String birthDate, String idNumber,
                           String phone, String address, Map<String, String> extra) {

    public PersonRecord {
        recordId = Objects.requireNonNull(recordId, "recordId");
        name = name == null ? "" : name;
        sex = sex == null ? "" : sex;
        birthDate = birthDate == null ? "" : birthDate;
        idNumber = idNumber == null ? "" : idNumber;
        phone = phone == null ? "" : phone;
        address = address == null ? "" : address;
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public static PersonRecord of(String recordId, String name, String sex, String birthDate, String idNumber,
                                  String phone, String address) {
        return new PersonRecord(recordId, name, sex, birthDate, idNumber, phone, address, Map.of());
    }

    /** An extra field, or "" when absent. */
    public String extra(String field) {
        return extra.getOrDefault(field, "");
    }

    /** Masked, so that a record logged by accident does not single anyone out. */
    @Override
    public String toString() {
        return "PersonRecord[" + recordId + "]";
    }
}
