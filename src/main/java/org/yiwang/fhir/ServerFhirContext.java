package org.yiwang.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.IVersionSpecificBundleFactory;

/**
 * The R4 context of the FHIR server: search pages are assembled by {@link SearchBundleFactory}, and the resources
 * {@link ResourceJsonWriter} knows are written by it ({@link ServerJsonParser}). Both only skip HAPI's generic walk
 * over the model; what goes out is the same.
 */
final class ServerFhirContext extends FhirContext {

    ServerFhirContext() {
        super(FhirVersionEnum.R4);
        // the mappers write references as Type/id, never as resource objects to contain: without this HAPI walks
        // every element of every resource it encodes looking for some (14 % of an Observation search's CPU)
        getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
    }

    @Override
    public IVersionSpecificBundleFactory newBundleFactory() {
        return new SearchBundleFactory(this);
    }

    @Override
    public IParser newJsonParser() {
        return new ServerJsonParser(super.newJsonParser());
    }
}
