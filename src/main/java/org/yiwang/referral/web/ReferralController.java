package org.yiwang.referral.web;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.yiwang.mpi.ResidentSummary;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.security.OrganisationDirectory;
import org.yiwang.referral.ReferralSummary;
import org.yiwang.referral.Referrals;

/** The receiving side: referrals sent to the organisation one acts for, green channel first, to accept. */
@Controller
@RequestMapping("/referrals")
@PreAuthorize(ReferralController.CLINICAL)
class ReferralController {

    static final String CLINICAL = "hasAnyRole('DOCTOR','NURSE','FAMILY_DOCTOR','ECG_READER')";

    private final Referrals referrals;
    private final Residents residents;
    private final OrganisationDirectory organisations;

    ReferralController(Referrals referrals, Residents residents, OrganisationDirectory organisations) {
        this.referrals = referrals;
        this.residents = residents;
        this.organisations = organisations;
    }

    @GetMapping("/incoming")
    String incoming(Model model, Locale locale) {
        List<ReferralSummary> list = referrals.incoming(Referrals.MAX_LIST);
        Set<Long> orgs = new HashSet<>();
        list.forEach(r -> orgs.add(r.fromOrganisationId()));
        Map<Long, ResidentSummary> people = residents.findAllById(
                list.stream().map(ReferralSummary::residentId).distinct().toList(), "care: incoming referrals");
        model.addAttribute("referrals", list);
        model.addAttribute("residents", people);
        model.addAttribute("organisationNames", organisations.names(orgs, locale));
        return "referral/incoming";
    }

    /** One referral, for the sending or the receiving organisation. */
    @GetMapping("/{id}")
    String referral(@PathVariable long id, Model model, Locale locale) {
        ReferralSummary r = referrals.find(id).orElseThrow(() ->
                new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        model.addAttribute("referral", r);
        model.addAttribute("resident", residents.findAllById(List.of(r.residentId()), "care: referral").get(r.residentId()));
        model.addAttribute("organisationNames", organisations.names(Set.of(r.fromOrganisationId(), r.toOrganisationId()),
                locale));
        return "referral/referral";
    }

    @PostMapping("/{id}/accept")
    String accept(@PathVariable long id) {
        referrals.accept(id);
        return "redirect:/referrals/incoming";
    }
}
