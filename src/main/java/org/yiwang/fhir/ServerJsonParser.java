package org.yiwang.fhir;

import ca.uhn.fhir.context.ConfigurationException;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * HAPI's JSON parser, except that a resource {@link ResourceJsonWriter} knows is written by it when the response
 * asks for nothing special: not pretty-printed, no {@code _summary}, no {@code _elements}. Those, and parsing, are
 * HAPI's as before.
 */
final class ServerJsonParser implements IParser {

    private final IParser hapi;
    private boolean plain = true;

    ServerJsonParser(IParser hapi) {
        this.hapi = hapi;
    }

    @Override
    public void encodeResourceToWriter(IBaseResource resource, Writer writer) throws IOException {
        String json = plain ? ResourceJsonWriter.write(resource) : null;
        if (json == null) {
            hapi.encodeResourceToWriter(resource, writer);
        } else {
            writer.write(json);
        }
    }

    @Override
    public String encodeResourceToString(IBaseResource resource) {
        String json = plain ? ResourceJsonWriter.write(resource) : null;
        return json != null ? json : hapi.encodeResourceToString(resource);
    }

    @Override
    public IParser setPrettyPrint(boolean prettyPrint) {
        plain &= !prettyPrint;
        hapi.setPrettyPrint(prettyPrint);
        return this;
    }

    @Override
    public IParser setSummaryMode(boolean summaryMode) {
        plain &= !summaryMode;
        hapi.setSummaryMode(summaryMode);
        return this;
    }

    @Override
    public IParser setEncodeElements(Set<String> elements) {
        plain &= elements == null || elements.isEmpty();
        hapi.setEncodeElements(elements);
        return this;
    }

    @Override
    public IParser setDontEncodeElements(Collection<String> elements) {
        plain &= elements == null || elements.isEmpty();
        hapi.setDontEncodeElements(elements);
        return this;
    }

    @Override
    public IParser setEncodeForceResourceId(IIdType id) {
        plain &= id == null;
        hapi.setEncodeForceResourceId(id);
        return this;
    }

    @Override
    public IParser setOmitResourceId(boolean omit) {
        plain &= !omit;
        hapi.setOmitResourceId(omit);
        return this;
    }

    // the writer writes no narrative and only unversioned relative references, so these do not change its output

    @Override
    public IParser setSuppressNarratives(boolean suppress) {
        hapi.setSuppressNarratives(suppress);
        return this;
    }

    @Override
    public IParser setServerBaseUrl(String url) {
        hapi.setServerBaseUrl(url);
        return this;
    }

    @Override
    public IParser setStripVersionsFromReferences(Boolean strip) {
        hapi.setStripVersionsFromReferences(strip);
        return this;
    }

    @Override
    public IParser setDontStripVersionsFromReferencesAtPaths(String... paths) {
        hapi.setDontStripVersionsFromReferencesAtPaths(paths);
        return this;
    }

    @Override
    public IParser setDontStripVersionsFromReferencesAtPaths(Collection<String> paths) {
        hapi.setDontStripVersionsFromReferencesAtPaths(paths);
        return this;
    }

    @Override
    public IParser setOverrideResourceIdWithBundleEntryFullUrl(Boolean override) {
        hapi.setOverrideResourceIdWithBundleEntryFullUrl(override);
        return this;
    }

    @Override
    public IParser setParserErrorHandler(IParserErrorHandler handler) {
        hapi.setParserErrorHandler(handler);
        return this;
    }

    // ----------------------------------------------------------------------------------------- plain delegation

    @Override
    public String encodeToString(IBase element) {
        return hapi.encodeToString(element);
    }

    @Override
    public void encodeToWriter(IBase element, Writer writer) throws IOException {
        hapi.encodeToWriter(element, writer);
    }

    @Override
    public IIdType getEncodeForceResourceId() {
        return hapi.getEncodeForceResourceId();
    }

    @Override
    public EncodingEnum getEncoding() {
        return hapi.getEncoding();
    }

    @Override
    public List<Class<? extends IBaseResource>> getPreferTypes() {
        return hapi.getPreferTypes();
    }

    @Override
    public void setPreferTypes(List<Class<? extends IBaseResource>> types) {
        hapi.setPreferTypes(types);
    }

    @Override
    public boolean isOmitResourceId() {
        return hapi.isOmitResourceId();
    }

    @Override
    public Boolean getStripVersionsFromReferences() {
        return hapi.getStripVersionsFromReferences();
    }

    @Override
    public boolean isSummaryMode() {
        return hapi.isSummaryMode();
    }

    @Override
    public boolean isEncodeElementsAppliesToChildResourcesOnly() {
        return hapi.isEncodeElementsAppliesToChildResourcesOnly();
    }

    @Override
    public void setEncodeElementsAppliesToChildResourcesOnly(boolean value) {
        hapi.setEncodeElementsAppliesToChildResourcesOnly(value);
    }

    @Override
    public Set<String> getDontStripVersionsFromReferencesAtPaths() {
        return hapi.getDontStripVersionsFromReferencesAtPaths();
    }

    @Override
    public <T extends IBaseResource> T parseResource(Class<T> type, Reader reader) throws DataFormatException {
        return hapi.parseResource(type, reader);
    }

    @Override
    public <T extends IBaseResource> T parseResource(Class<T> type, InputStream stream) throws DataFormatException {
        return hapi.parseResource(type, stream);
    }

    @Override
    public <T extends IBaseResource> T parseResource(Class<T> type, String text) throws DataFormatException {
        return hapi.parseResource(type, text);
    }

    @Override
    public IBaseResource parseResource(Reader reader) throws ConfigurationException, DataFormatException {
        return hapi.parseResource(reader);
    }

    @Override
    public IBaseResource parseResource(InputStream stream) throws ConfigurationException, DataFormatException {
        return hapi.parseResource(stream);
    }

    @Override
    public IBaseResource parseResource(String text) throws ConfigurationException, DataFormatException {
        return hapi.parseResource(text);
    }

    @Override
    public void parseInto(Reader reader, IBase target) throws IOException {
        hapi.parseInto(reader, target);
    }
}
