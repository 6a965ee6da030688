package org.yiwang.records.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.yiwang.records.AttachmentContent;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.EntryKind;
import org.yiwang.records.HealthRecord;

/**
 * One entry of the shared record with everything it holds: a result with its range and flag, a report with its
 * results and files, a document's sections, a prescription's dose, an encounter with its items; a voided entry says
 * so, why, and links to its replacement. Files download with their own content type and a safe file name.
 */
@Controller
@RequestMapping("/records")
@PreAuthorize(RecordViewController.CLINICAL_ROLES)
class EntryController {

    private final HealthRecord record;
    private final SourceNames names;

    EntryController(HealthRecord record, SourceNames names) {
        this.record = record;
        this.names = names;
    }

    @GetMapping("/entries/{entryId}")
    String entry(@PathVariable long entryId, Model model, Locale locale) {
        ClinicalEntry entry = record.find(entryId, RecordViewController.PURPOSE)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<ClinicalEntry> related = new ArrayList<>();
        if (entry.details() instanceof EntryDetails.Report report && !report.resultEntryIds().isEmpty()) {
            related = record.findAll(report.resultEntryIds().stream().limit(200).toList(), RecordViewController.PURPOSE);
        } else if (entry.kind() == EntryKind.ENCOUNTER) {
            related = record.encounterItems(entry.id(), RecordViewController.PURPOSE);
        }
        ClinicalEntry encounter = null;
        if (entry.encounterId() != null) {
            encounter = record.find(entry.encounterId(), RecordViewController.PURPOSE).orElse(null);
        }
        List<ClinicalEntry> all = new ArrayList<>(related);
        all.add(entry);
        if (encounter != null) {
            all.add(encounter);
        }
        SourceNames.Lookup lookup = names.of(all, List.of(), locale);
        model.addAttribute("v", lookup.view(entry));
        model.addAttribute("e", entry);
        model.addAttribute("related", lookup.views(related));
        model.addAttribute("encounter", encounter == null ? null : lookup.view(encounter));
        return "records/entry";
    }

    @GetMapping("/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@PathVariable long attachmentId) {
        AttachmentContent content = record.attachmentContent(attachmentId, RecordViewController.PURPOSE)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        MediaType type;
        try {
            type = MediaType.parseMediaType(content.attachment().contentType());
        } catch (InvalidMediaTypeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok()
                .contentType(type)
                .contentLength(content.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(safeFileName(content.attachment().title(), type), StandardCharsets.UTF_8)
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(content.content());
    }

    /**
     * The title as a file name that cannot name a path or break the header: no separators, control characters,
     * quotes or reserved characters, at most 100 characters, with an extension matching the content type.
     */
    static String safeFileName(String title, MediaType type) {
        String name = title == null ? "" : title.replaceAll("[\\p{Cntrl}\\\\/:*?\"<>|;]", "_").strip();
        name = name.replaceAll("^[.\\s]+", "");
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        if (name.isBlank()) {
            name = "attachment";
        }
        String extension = switch (type.getSubtype()) {
            case "pdf" -> ".pdf";
            case "jpeg" -> ".jpg";
            case "png" -> ".png";
            case "dicom" -> ".dcm";
            default -> "";
        };
        if (!extension.isEmpty() && !name.toLowerCase(Locale.ROOT).endsWith(extension)
                && !(extension.equals(".jpg") && name.toLowerCase(Locale.ROOT).endsWith(".jpeg"))) {
            name = name + extension;
        }
        return name;
    }
}
