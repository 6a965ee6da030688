package org.yiwang.mpi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.OrganisationType;
import org.yiwang.registry.Organisations;

/**
 * The village-level divisions (12-digit GB/T 2260 + township + committee codes) that the county's registry knows,
 * through the registry façade: a resident's address and health-record number (REC-03) use one of them.
 * A few dozen rows, read per request, so that divisions added to the registry are usable at once.
 */
@Component
class CountyDivisions {

    /** A village with the names of its township and itself, for choosing in a form. */
    record Village(String divisionCode, String townshipName, String villageName) {

        String label() {
            return townshipName + " · " + villageName;
        }
    }

    private static final Pattern ORGANISATION_KIND =
            Pattern.compile("(卫生院|卫生室|社区卫生服务中心| Township Health Centre| Health Centre| Village Clinic| Clinic)$");

    private final Organisations organisations;

    CountyDivisions(Organisations organisations) {
        this.organisations = organisations;
    }

    /** Village divisions in code order, named from their clinics and townships in the user's language. */
    List<Village> villages(Locale locale) {
        Map<Long, OrganisationSummary> townships = organisations.listByType(OrganisationType.TOWNSHIP_HEALTH_CENTRE)
                .stream().collect(Collectors.toMap(OrganisationSummary::id, Function.identity()));
        Map<String, Village> byCode = new LinkedHashMap<>();
        for (OrganisationSummary clinic : organisations.listByType(OrganisationType.VILLAGE_CLINIC)) {
            String code = clinic.divisionCode();
            if (code == null || code.length() != 12) {
                continue;
            }
            OrganisationSummary township = townships.get(clinic.parentId());
            byCode.putIfAbsent(code, new Village(code,
                    township == null ? code.substring(0, 9) : strip(township.name(locale)),
                    strip(clinic.name(locale))));
        }
        return List.copyOf(byCode.values());
    }

    /** Whether a village clinic of the registry serves {@code divisionCode} (checked on every registration). */
    boolean isKnownVillage(String divisionCode) {
        return divisionCode != null && divisionCode.length() == 12
                && organisations.servesDivision(OrganisationType.VILLAGE_CLINIC, divisionCode);
    }

    /** 青石镇卫生院 → 青石镇, 柳溪村卫生室 → 柳溪村; English names lose "Health Centre"/"Clinic". */
    private static String strip(String name) {
        return ORGANISATION_KIND.matcher(name).replaceAll("");
    }
}
