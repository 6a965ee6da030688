package org.yiwang.fhir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BackboneElement;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Writes the resources the server answers most (Patient, Observation, and search pages of them) as FHIR JSON: the
 * very bytes HAPI's JsonParser writes, without its reflective walk over the model, which was a quarter of the
 * server's CPU on a Patient search (docs/benchmarks.md, tenth run). It knows every element of the types it writes,
 * in the order of the R4 definitions. A resource holding anything else (narrative, a contained resource, a nested
 * extension, an element kind it does not know) is not written at all: {@link #write} answers null and HAPI encodes
 * it, so nothing is ever dropped. Each element is asked whether it is there before it is read, as HAPI's getters
 * create what they are asked for.
 */
final class ResourceJsonWriter {

    private static final JsonFactory JSON = new JsonFactory();

    /** Thrown on the first element this writer does not know; cheap (no stack trace) as it only means "use HAPI". */
    private static final class Unsupported extends RuntimeException {

        private static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    private final JsonGenerator json;

    private ResourceJsonWriter(JsonGenerator json) {
        this.json = json;
    }

    /** The resource as compact FHIR JSON, or null when it holds something this writer does not know. */
    static String write(IBaseResource resource) {
        StringWriter out = new StringWriter(2048);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            new ResourceJsonWriter(json).resource(resource);
        } catch (Unsupported e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Unsupported unsupported() {
        return Unsupported.INSTANCE;
    }

    private void resource(IBaseResource resource) throws IOException {
        json.writeStartObject();
        switch (resource) {
            case Patient p -> patient(p);
            case Observation o -> observation(o);
            case Bundle b -> bundle(b);
            default -> throw unsupported();
        }
        json.writeEndObject();
    }

    // ------------------------------------------------------------------------------------------- resources

    private void resourceHead(Resource r) throws IOException {
        if (r.hasImplicitRules() || r.hasLanguage()) {
            throw unsupported();
        }
        json.writeStringField("resourceType", r.fhirType());
        if (r.getIdElement().hasIdPart()) {
            json.writeStringField("id", r.getIdElement().getIdPart());
        }
        if (r.hasMeta()) {
            json.writeFieldName("meta");
            meta(r.getMeta());
        }
    }

    private void domainResourceHead(DomainResource r) throws IOException {
        resourceHead(r);
        if (r.hasText() || r.hasContained() || r.hasModifierExtension()) {
            throw unsupported();
        }
        extensions(r.getExtension());
    }

    private void patient(Patient p) throws IOException {
        if (p.hasDeceased() || p.hasMaritalStatus() || p.hasMultipleBirth() || p.hasPhoto() || p.hasContact()
                || p.hasCommunication() || p.hasGeneralPractitioner() || p.hasLink()) {
            throw unsupported();
        }
        domainResourceHead(p);
        list("identifier", p.getIdentifier(), this::identifier);
        primitive("active", p.hasActiveElement() ? p.getActiveElement() : null);
        list("name", p.getName(), this::humanName);
        list("telecom", p.getTelecom(), this::contactPoint);
        primitive("gender", p.hasGenderElement() ? p.getGenderElement() : null);
        primitive("birthDate", p.hasBirthDateElement() ? p.getBirthDateElement() : null);
        list("address", p.getAddress(), this::address);
        complex("managingOrganization", p.hasManagingOrganization() ? p.getManagingOrganization() : null,
                this::reference);
    }

    private void observation(Observation o) throws IOException {
        if (o.hasBasedOn() || o.hasPartOf() || o.hasFocus() || o.hasDataAbsentReason() || o.hasNote()
                || o.hasBodySite() || o.hasDevice() || o.hasHasMember() || o.hasDerivedFrom()) {
            throw unsupported();
        }
        domainResourceHead(o);
        list("identifier", o.getIdentifier(), this::identifier);
        primitive("status", o.hasStatusElement() ? o.getStatusElement() : null);
        list("category", o.getCategory(), this::codeableConcept);
        complex("code", o.hasCode() ? o.getCode() : null, this::codeableConcept);
        complex("subject", o.hasSubject() ? o.getSubject() : null, this::reference);
        complex("encounter", o.hasEncounter() ? o.getEncounter() : null, this::reference);
        choice("effective", o.getEffective());
        primitive("issued", o.hasIssuedElement() ? o.getIssuedElement() : null);
        list("performer", o.getPerformer(), this::reference);
        choice("value", o.getValue());
        list("interpretation", o.getInterpretation(), this::codeableConcept);
        complex("method", o.hasMethod() ? o.getMethod() : null, this::codeableConcept);
        complex("specimen", o.hasSpecimen() ? o.getSpecimen() : null, this::reference);
        list("referenceRange", o.getReferenceRange(), this::referenceRange);
        list("component", o.getComponent(), this::component);
    }

    private void referenceRange(Observation.ObservationReferenceRangeComponent r) throws IOException {
        if (r.hasType() || r.hasAppliesTo() || r.hasAge()) {
            throw unsupported();
        }
        backboneHead(r);
        complex("low", r.hasLow() ? r.getLow() : null, this::quantity);
        complex("high", r.hasHigh() ? r.getHigh() : null, this::quantity);
        primitive("text", r.hasTextElement() ? r.getTextElement() : null);
    }

    private void component(Observation.ObservationComponentComponent c) throws IOException {
        if (c.hasDataAbsentReason()) {
            throw unsupported();
        }
        backboneHead(c);
        complex("code", c.hasCode() ? c.getCode() : null, this::codeableConcept);
        choice("value", c.getValue());
        list("interpretation", c.getInterpretation(), this::codeableConcept);
        list("referenceRange", c.getReferenceRange(), this::referenceRange);
    }

    private void bundle(Bundle b) throws IOException {
        if (b.hasIdentifier() || b.hasSignature()) {
            throw unsupported();
        }
        resourceHead(b);
        primitive("type", b.hasTypeElement() ? b.getTypeElement() : null);
        primitive("timestamp", b.hasTimestampElement() ? b.getTimestampElement() : null);
        primitive("total", b.hasTotalElement() ? b.getTotalElement() : null);
        list("link", b.getLink(), this::bundleLink);
        list("entry", b.getEntry(), this::bundleEntry);
    }

    private void bundleLink(Bundle.BundleLinkComponent link) throws IOException {
        backboneHead(link);
        primitive("relation", link.hasRelationElement() ? link.getRelationElement() : null);
        primitive("url", link.hasUrlElement() ? link.getUrlElement() : null);
    }

    private void bundleEntry(Bundle.BundleEntryComponent entry) throws IOException {
        if (entry.hasLink() || entry.hasRequest() || entry.hasResponse()) {
            throw unsupported();
        }
        backboneHead(entry);
        primitive("fullUrl", entry.hasFullUrlElement() ? entry.getFullUrlElement() : null);
        if (entry.getResource() != null) {
            json.writeFieldName("resource");
            resource(entry.getResource());
        }
        if (entry.hasSearch()) {
            Bundle.BundleEntrySearchComponent search = entry.getSearch();
            json.writeFieldName("search");
            json.writeStartObject();
            backboneHead(search);
            primitive("mode", search.hasModeElement() ? search.getModeElement() : null);
            primitive("score", search.hasScoreElement() ? search.getScoreElement() : null);
            json.writeEndObject();
        }
    }

    // ------------------------------------------------------------------------------------------- data types

    private void meta(Meta m) throws IOException {
        json.writeStartObject();
        elementHead(m);
        primitive("versionId", m.hasVersionIdElement() ? m.getVersionIdElement() : null);
        primitive("lastUpdated", m.hasLastUpdatedElement() ? m.getLastUpdatedElement() : null);
        primitive("source", m.hasSourceElement() ? m.getSourceElement() : null);
        primitives("profile", m.getProfile());
        list("security", m.getSecurity(), this::coding);
        list("tag", m.getTag(), this::coding);
        json.writeEndObject();
    }

    private void coding(Coding c) throws IOException {
        elementHead(c);
        primitive("system", c.hasSystemElement() ? c.getSystemElement() : null);
        primitive("version", c.hasVersionElement() ? c.getVersionElement() : null);
        primitive("code", c.hasCodeElement() ? c.getCodeElement() : null);
        primitive("display", c.hasDisplayElement() ? c.getDisplayElement() : null);
        primitive("userSelected", c.hasUserSelectedElement() ? c.getUserSelectedElement() : null);
    }

    private void codeableConcept(CodeableConcept c) throws IOException {
        elementHead(c);
        list("coding", c.getCoding(), this::coding);
        primitive("text", c.hasTextElement() ? c.getTextElement() : null);
    }

    private void identifier(Identifier i) throws IOException {
        elementHead(i);
        primitive("use", i.hasUseElement() ? i.getUseElement() : null);
        complex("type", i.hasType() ? i.getType() : null, this::codeableConcept);
        primitive("system", i.hasSystemElement() ? i.getSystemElement() : null);
        primitive("value", i.hasValueElement() ? i.getValueElement() : null);
        complex("period", i.hasPeriod() ? i.getPeriod() : null, this::period);
        complex("assigner", i.hasAssigner() ? i.getAssigner() : null, this::reference);
    }

    /** Only a plain relative reference ({@code Type/id}): HAPI rewrites absolute and versioned ones. */
    private void reference(Reference r) throws IOException {
        String text = r.getReferenceElement_().getValue();
        if (r.getResource() != null || text != null && (text.contains(":") || text.contains("/_history")
                || text.startsWith("#"))) {
            throw unsupported();
        }
        elementHead(r);
        primitive("reference", r.getReferenceElement_());
        primitive("type", r.hasTypeElement() ? r.getTypeElement() : null);
        complex("identifier", r.hasIdentifier() ? r.getIdentifier() : null, this::identifier);
        primitive("display", r.hasDisplayElement() ? r.getDisplayElement() : null);
    }

    private void period(Period p) throws IOException {
        elementHead(p);
        primitive("start", p.hasStartElement() ? p.getStartElement() : null);
        primitive("end", p.hasEndElement() ? p.getEndElement() : null);
    }

    private void quantity(Quantity q) throws IOException {
        elementHead(q);
        primitive("value", q.hasValueElement() ? q.getValueElement() : null);
        primitive("comparator", q.hasComparatorElement() ? q.getComparatorElement() : null);
        primitive("unit", q.hasUnitElement() ? q.getUnitElement() : null);
        primitive("system", q.hasSystemElement() ? q.getSystemElement() : null);
        primitive("code", q.hasCodeElement() ? q.getCodeElement() : null);
    }

    private void humanName(HumanName n) throws IOException {
        elementHead(n);
        primitive("use", n.hasUseElement() ? n.getUseElement() : null);
        primitive("text", n.hasTextElement() ? n.getTextElement() : null);
        primitive("family", n.hasFamilyElement() ? n.getFamilyElement() : null);
        primitives("given", n.getGiven());
        primitives("prefix", n.getPrefix());
        primitives("suffix", n.getSuffix());
        complex("period", n.hasPeriod() ? n.getPeriod() : null, this::period);
    }

    private void contactPoint(ContactPoint c) throws IOException {
        elementHead(c);
        primitive("system", c.hasSystemElement() ? c.getSystemElement() : null);
        primitive("value", c.hasValueElement() ? c.getValueElement() : null);
        primitive("use", c.hasUseElement() ? c.getUseElement() : null);
        primitive("rank", c.hasRankElement() ? c.getRankElement() : null);
        complex("period", c.hasPeriod() ? c.getPeriod() : null, this::period);
    }

    private void address(Address a) throws IOException {
        elementHead(a);
        primitive("use", a.hasUseElement() ? a.getUseElement() : null);
        primitive("type", a.hasTypeElement() ? a.getTypeElement() : null);
        primitive("text", a.hasTextElement() ? a.getTextElement() : null);
        primitives("line", a.getLine());
        primitive("city", a.hasCityElement() ? a.getCityElement() : null);
        primitive("district", a.hasDistrictElement() ? a.getDistrictElement() : null);
        primitive("state", a.hasStateElement() ? a.getStateElement() : null);
        primitive("postalCode", a.hasPostalCodeElement() ? a.getPostalCodeElement() : null);
        primitive("country", a.hasCountryElement() ? a.getCountryElement() : null);
        complex("period", a.hasPeriod() ? a.getPeriod() : null, this::period);
    }

    /**
     * A choice element ({@code value[x]}, {@code effective[x]}) of a type this writer knows. The exact classes:
     * subclasses (a {@code code} is a {@code string} in Java) name their own JSON property.
     */
    private void choice(String name, Type value) throws IOException {
        if (value == null || value.isEmpty()) {
            return;
        }
        Class<?> type = value.getClass();
        if (type == Quantity.class) {
            complex(name + "Quantity", (Quantity) value, this::quantity);
        } else if (type == StringType.class) {
            primitive(name + "String", (StringType) value);
        } else if (type == DateTimeType.class) {
            primitive(name + "DateTime", (DateTimeType) value);
        } else if (type == CodeType.class) {
            primitive(name + "Code", (CodeType) value);
        } else if (type == BooleanType.class) {
            primitive(name + "Boolean", (BooleanType) value);
        } else if (type == IntegerType.class) {
            primitive(name + "Integer", (IntegerType) value);
        } else if (type == Coding.class) {
            complex(name + "Coding", (Coding) value, this::coding);
        } else if (type == CodeableConcept.class) {
            complex(name + "CodeableConcept", (CodeableConcept) value, this::codeableConcept);
        } else if (type == Reference.class) {
            complex(name + "Reference", (Reference) value, this::reference);
        } else if (type == Period.class) {
            complex(name + "Period", (Period) value, this::period);
        } else {
            throw unsupported();
        }
    }

    // ------------------------------------------------------------------------------------------- structure

    @FunctionalInterface
    private interface Body<T> {
        void write(T value) throws IOException;
    }

    private void elementHead(Element e) throws IOException {
        if (e.hasId()) {
            json.writeStringField("id", e.getId());
        }
        extensions(e.getExtension());
    }

    private void backboneHead(BackboneElement e) throws IOException {
        if (e.hasModifierExtension()) {
            throw unsupported();
        }
        elementHead(e);
    }

    /** Extensions with a url and a simple value; nested extensions are HAPI's. */
    private void extensions(List<Extension> extensions) throws IOException {
        if (extensions.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart("extension");
        for (Extension e : extensions) {
            if (e.hasId() || e.hasExtension() || !e.hasUrl() || e.getValue() == null || e.getValue().isEmpty()) {
                throw unsupported();
            }
            json.writeStartObject();
            json.writeStringField("url", e.getUrl());
            choice("value", e.getValue());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private <T extends Element> void complex(String name, T value, Body<T> body) throws IOException {
        if (value == null || value.isEmpty()) {
            return;
        }
        json.writeFieldName(name);
        json.writeStartObject();
        body.write(value);
        json.writeEndObject();
    }

    /** A repeating element; an empty item among others is HAPI's to judge. */
    private <T extends Element> void list(String name, List<T> values, Body<T> body) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart(name);
        for (T value : values) {
            if (value == null || value.isEmpty()) {
                throw unsupported();
            }
            json.writeStartObject();
            body.write(value);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A primitive: its value under its name, its extensions under {@code _name} (FHIR JSON, §2.6.2.7). */
    private void primitive(String name, PrimitiveType<?> p) throws IOException {
        if (p == null || p.isEmpty()) {
            return;
        }
        if (p.hasId()) {
            throw unsupported(); // HAPI writes a primitive's id only in some cases
        }
        if (p.hasValue()) {
            json.writeFieldName(name);
            value(p);
        }
        if (p.hasExtension()) {
            json.writeFieldName("_" + name);
            json.writeStartObject();
            extensions(p.getExtension());
            json.writeEndObject();
        }
    }

    /** A repeating primitive of plain values (with an id or extension it needs nulls in arrays: HAPI's). */
    private void primitives(String name, List<? extends PrimitiveType<?>> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart(name);
        for (PrimitiveType<?> p : values) {
            if (!p.hasValue() || p.hasId() || p.hasExtension()) {
                throw unsupported();
            }
            value(p);
        }
        json.writeEndArray();
    }

    private void value(PrimitiveType<?> p) throws IOException {
        switch (p) {
            case BooleanType b -> json.writeBoolean(b.booleanValue());
            case IntegerType i -> json.writeNumber(i.getValue());
            case DecimalType d -> json.writeNumber(d.getValueAsString());
            default -> json.writeString(p.getValueAsString());
        }
    }
}
