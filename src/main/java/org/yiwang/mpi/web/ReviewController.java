package org.yiwang.mpi.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.yiwang.mpi.Ethnicity;
import org.yiwang.mpi.FieldProblem;
import org.yiwang.mpi.MatchReview;
import org.yiwang.mpi.MergeConflictException;
import org.yiwang.mpi.ResidentDetails;
import org.yiwang.mpi.ResidentInputException;
import org.yiwang.mpi.ResidentNotFoundException;
import org.yiwang.mpi.ReviewQueue;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.Organisations;

/**
 * The registrars' review queue: pending and decided pairs (by score or age, keyset-paged), a pair compared field by
 * field with the engine's agreement level and weight, link (choose the survivor, reason required) or not a match.
 * Merges are undone from the residents' pages ({@link ResidentController}).
 */
@Controller
@RequestMapping(ReviewController.PATH)
@PreAuthorize("hasRole('REGISTRAR')")
class ReviewController {

    static final String PATH = "/mpi/review";

    private final ReviewQueue queue;
    private final Organisations organisations;
    private final MessageSource messages;

    ReviewController(ReviewQueue queue, Organisations organisations, MessageSource messages) {
        this.queue = queue;
        this.organisations = organisations;
        this.messages = messages;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "PENDING") String filter, @RequestParam(defaultValue = "SCORE") String order,
            @RequestParam(required = false) String after, Model model) {
        ReviewQueue.Filter f = parse(ReviewQueue.Filter.class, filter);
        ReviewQueue.Order o = parse(ReviewQueue.Order.class, order);
        ReviewQueue.Page page;
        try {
            page = queue.page(f, o, after);
        } catch (IllegalArgumentException badCursor) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "invalid page cursor");
        }
        model.addAttribute("page", page);
        model.addAttribute("filter", f.name());
        model.addAttribute("order", o.name());
        model.addAttribute("pending", queue.pendingCount());
        return "mpi/review/list";
    }

    @GetMapping("/{id}")
    String pair(@PathVariable long id, Model model, Locale locale) {
        return showPair(id, model, locale, null, null);
    }

    @PostMapping("/{id}/link")
    String link(@PathVariable long id, @RequestParam(required = false) Long survivorId,
            @RequestParam(defaultValue = "") String reason, Model model, Locale locale, HttpServletResponse response) {
        return decide(id, reason, model, locale, response, () -> {
            if (survivorId == null) {
                throw new ResidentInputException(List.of(new FieldProblem("survivorId", "mpi.review.error.SURVIVOR", List.of())));
            }
            queue.link(id, survivorId, reason);
            return "redirect:" + PATH + "?linked=" + id;
        });
    }

    @PostMapping("/{id}/not-a-match")
    String notAMatch(@PathVariable long id, @RequestParam(defaultValue = "") String reason, Model model,
            Locale locale, HttpServletResponse response) {
        return decide(id, reason, model, locale, response, () -> {
            queue.notAMatch(id, reason);
            return "redirect:" + PATH + "?notMatch=" + id;
        });
    }

    /** Runs a decision; invalid input (400) or a pair decided meanwhile (409) re-renders the pair with the reason kept. */
    private String decide(long id, String reason, Model model, Locale locale, HttpServletResponse response,
            Supplier<String> decision) {
        try {
            return decision.get();
        } catch (ResidentInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showPair(id, model, locale, e.problems(), reason);
        } catch (MergeConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("conflict", e.messageKey());
            return showPair(id, model, locale, null, reason);
        } catch (ResidentNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /** One row of the comparison table: values masked, the engine's level and weight where it compares the field. */
    record Row(String labelKey, String left, String right, String level, Double weightBits, boolean differs) {
    }

    private String showPair(long id, Model model, Locale locale, List<FieldProblem> problems, String reason) {
        ReviewQueue.Pair pair = queue.pair(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("pair", pair);
        model.addAttribute("rows", rows(pair, locale));
        model.addAttribute("reason", reason);
        model.addAttribute("problems", problems == null ? Map.of() : problems.stream().collect(Collectors.toMap(
                FieldProblem::field, p -> messages.getMessage(p.messageKey(), p.argumentArray(), p.messageKey(), locale),
                (a, b) -> a)));
        return "mpi/review/pair";
    }

    private List<Row> rows(ReviewQueue.Pair pair, Locale locale) {
        Map<String, MatchReview.FieldWeight> engine = pair.review().explanation().stream()
                .collect(Collectors.toMap(MatchReview.FieldWeight::field, Function.identity(), (a, b) -> a));
        ResidentDetails l = pair.low();
        ResidentDetails h = pair.high();
        Map<Long, String> orgs = organisations.findAllById(List.of(l.resident().registeredOrganisationId(),
                        h.resident().registeredOrganisationId())).stream()
                .collect(Collectors.toMap(OrganisationSummary::id, o -> locale.getLanguage().equals("zh")
                        ? o.nameZh() : o.nameEn(), (a, b) -> a));
        List<Row> rows = new ArrayList<>();
        rows.add(row("mpi.field.name", l.resident().name(), h.resident().name(), engine.get("name")));
        rows.add(row("mpi.field.pinyin", l.resident().pinyin(), h.resident().pinyin(), null));
        rows.add(row("mpi.field.sex", message(l.resident().sex().messageKey(), locale),
                message(h.resident().sex().messageKey(), locale), engine.get("sex")));
        rows.add(row("mpi.field.birthDate", String.valueOf(l.resident().birthDate()),
                String.valueOf(h.resident().birthDate()), engine.get("birth_date")));
        rows.add(row("mpi.field.ethnicity", ethnicity(l.ethnicityCode(), locale), ethnicity(h.ethnicityCode(), locale),
                null));
        rows.add(row("mpi.field.documents", documents(l, locale), documents(h, locale), engine.get("id_number")));
        rows.add(row("mpi.field.phones", phones(l), phones(h), engine.get("phone")));
        rows.add(row("mpi.field.address", l.resident().address(), h.resident().address(), engine.get("address")));
        rows.add(row("mpi.field.village", l.resident().divisionCode(), h.resident().divisionCode(), null));
        rows.add(row("mpi.review.organisation", orgs.get(l.resident().registeredOrganisationId()),
                orgs.get(h.resident().registeredOrganisationId()), null));
        return rows;
    }

    private static Row row(String labelKey, String left, String right, MatchReview.FieldWeight engine) {
        String a = left == null || left.isBlank() ? "—" : left;
        String b = right == null || right.isBlank() ? "—" : right;
        return new Row(labelKey, a, b, engine == null ? null : engine.level(),
                engine == null ? null : engine.weightBits(), !Objects.equals(a, b));
    }

    private String documents(ResidentDetails r, Locale locale) {
        return r.documents().stream().map(d -> message(d.type().messageKey(), locale) + " " + d.numberMasked())
                .collect(Collectors.joining("; "));
    }

    private static String phones(ResidentDetails r) {
        return r.phones().stream().map(ResidentDetails.Phone::numberMasked).collect(Collectors.joining("; "));
    }

    private static String ethnicity(String code, Locale locale) {
        return code == null ? null : Ethnicity.fromCode(code).map(e -> e.displayName(locale)).orElse(code);
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown " + type.getSimpleName() + ": " + value);
        }
    }
}
