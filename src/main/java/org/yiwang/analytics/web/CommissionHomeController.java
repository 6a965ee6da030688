package org.yiwang.analytics.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.yiwang.mpi.Residents;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.OrganisationType;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.Practitioners;

/**
 * The health commission's overview: live counts of organisations, practitioners and residents. Aggregates only,
 * no personal data, so nothing here is audited.
 */
@Controller
@PreAuthorize("hasAnyRole('COMMISSION_ANALYST','SYSTEM_ADMIN')")
class CommissionHomeController {

    static final String PATH = "/commission";

    private final Organisations organisations;
    private final Practitioners practitioners;
    private final Residents residents;

    CommissionHomeController(Organisations organisations, Practitioners practitioners, Residents residents) {
        this.organisations = organisations;
        this.practitioners = practitioners;
        this.residents = residents;
    }

    /** A row of the residents-by-township table. */
    record TownshipCount(String divisionCode, String name, long residents) {
    }

    /** A tile: organisations of one type. */
    record TypeCount(OrganisationType type, long count) {
    }

    @GetMapping(PATH)
    String home(Model model, Locale locale) {
        List<TypeCount> byType = new ArrayList<>();
        organisations.countByType().forEach((type, count) -> {
            if (count > 0) {
                byType.add(new TypeCount(type, count));
            }
        });
        model.addAttribute("organisationCount", organisations.count());
        model.addAttribute("organisationsByType", byType);
        model.addAttribute("practitionerCount", practitioners.count());
        model.addAttribute("residentCount", residents.count());
        model.addAttribute("residentsByTownship", residentsByTownship(locale));
        return "analytics/commission";
    }

    /** Joins the master index's counts per township division code with the registry's township centres by code. */
    private List<TownshipCount> residentsByTownship(Locale locale) {
        Map<String, Long> counts = residents.countByTownship();
        List<TownshipCount> rows = new ArrayList<>();
        for (OrganisationSummary centre : organisations.listByType(OrganisationType.TOWNSHIP_HEALTH_CENTRE)) {
            rows.add(new TownshipCount(centre.divisionCode(), centre.name(locale),
                    counts.getOrDefault(centre.divisionCode(), 0L)));
        }
        return rows;
    }
}
