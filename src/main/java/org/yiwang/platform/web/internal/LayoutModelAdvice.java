package org.yiwang.platform.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.OrganisationDirectory;
import org.yiwang.platform.web.NavigationItem;

/** Adds what the page shell needs to every HTML page: actor, role-aware navigation, organisation switcher. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModelAdvice {

    private final CurrentActor currentActor;
    private final List<NavigationItem> navigation;
    private final ObjectProvider<OrganisationDirectory> directory;

    LayoutModelAdvice(CurrentActor currentActor, List<NavigationItem> navigation,
            ObjectProvider<OrganisationDirectory> directory) {
        this.currentActor = currentActor;
        this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
        this.directory = directory;
    }

    @ModelAttribute
    void addLayout(Model model, HttpServletRequest request, Locale locale) {
        model.addAttribute("requestPath", request.getRequestURI().substring(request.getContextPath().length()));
        Optional<Actor> actor = currentActor.current();
        model.addAttribute("actor", actor.orElse(null));
        if (actor.isEmpty()) {
            return;
        }
        model.addAttribute("navigation", navigation.stream().filter(i -> i.visibleTo(actor.get().roles())).toList());
        Set<Long> organisationIds = currentActor.memberOrganisationIds();
        if (!organisationIds.isEmpty()) {
            Map<Long, String> names = directory.getIfAvailable() == null ? Map.of()
                    : directory.getObject().names(organisationIds, locale);
            Map<Long, String> organisations = new LinkedHashMap<>();
            organisationIds.forEach(id -> organisations.put(id, names.getOrDefault(id, "#" + id)));
            model.addAttribute("organisations", organisations);
            model.addAttribute("actingOrganisationName", organisations.get(actor.get().actingOrganisationId()));
        }
    }
}
