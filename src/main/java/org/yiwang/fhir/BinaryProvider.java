package org.yiwang.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;
import org.yiwang.records.AttachmentContent;
import org.yiwang.records.HealthRecord;

/**
 * The files of reports and documents (DiagnosticReport.presentedForm, DocumentReference.content: PDF, images) as
 * {@code Binary/{id}}, the id being the attachment's. Read only: files arrive inside their report or document.
 * {@link HealthRecord#attachmentContent} checks that the reader may see the entry the file belongs to (care
 * relationship, the resident's consent, sensitive categories) and audits the read; a file the reader may not see
 * answers 404 like one that does not exist. With {@code Accept: application/fhir+json} (or {@code _format=json}) the
 * answer is the Binary resource with the bytes in base64; otherwise HAPI streams the raw bytes with the file's
 * content type.
 */
class BinaryProvider implements IResourceProvider {

    private final HealthRecord record;

    BinaryProvider(HealthRecord record) {
        this.record = record;
    }

    @Override
    public Class<Binary> getResourceType() {
        return Binary.class;
    }

    @Read
    public Binary read(@IdParam IdType id, RequestDetails request) {
        if (id == null || !id.hasIdPart() || !id.isIdPartValidLong()) {
            throw notFound(id);
        }
        AttachmentContent content = record.attachmentContent(id.getIdPartAsLong(), FhirRequests.purpose(request))
                .orElseThrow(() -> notFound(id));
        return EntryMapper.binary(content);
    }

    private static ResourceNotFoundException notFound(IdType id) {
        return new ResourceNotFoundException("No Binary/" + (id == null ? "" : id.getIdPart())
                + " on this server (or it is hidden from your organisation).");
    }
}
