package org.yiwang.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.mpi.ResidentDirectory;
import org.yiwang.mpi.ResidentRegistration;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.crypto.Masking;
import org.yiwang.platform.security.CurrentActor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.records.HealthRecord;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.Practitioners;

/**
 * The FHIR R4 server at {@code /fhir/*}: one {@link FhirContext} (expensive to build, thread-safe) and a HAPI plain
 * {@link RestfulServer} with the resource providers over the modules' façades. Authentication is the platform's
 * bearer-token chain for {@code /fhir/**} (per-organisation API tokens); the acting organisation comes from the token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(FhirProperties.class)
class FhirConfiguration {

    @Bean
    FhirContext fhirContext() {
        return new ServerFhirContext();
    }

    @Bean
    PatientProvider patientProvider(Residents residents, ResidentDirectory directory, ResidentRegistration registration,
            CurrentActor currentActor, Organisations organisations, Masking masking, FhirProperties properties) {
        return new PatientProvider(residents, directory, registration, currentActor, organisations, masking, properties);
    }

    @Bean
    PractitionerProvider practitionerProvider(Practitioners practitioners, FhirProperties properties) {
        return new PractitionerProvider(practitioners, properties);
    }

    @Bean
    OrganizationProvider organizationProvider(Organisations organisations, FhirProperties properties) {
        return new OrganizationProvider(organisations, properties);
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext context, PatientProvider patients,
            PractitionerProvider practitioners, OrganizationProvider organizations, FhirProperties properties,
            MessageSource messages, HealthRecord record, CurrentActor currentActor,
            PlatformTransactionManager transactionManager) {
        List<EntryProvider<?>> entries = EntryProviders.all(record, currentActor, properties);
        List<IResourceProvider> providers = new ArrayList<>(List.of(patients, practitioners, organizations,
                new BinaryProvider(record)));
        providers.addAll(entries);
        EverythingProvider everything = new EverythingProvider(patients, record, properties);
        List<CursorPaging.Search> searches = new ArrayList<>(List.of(patients, practitioners, organizations, everything));
        searches.addAll(entries);
        CursorPaging paging = new CursorPaging(properties.defaultPageSize(), properties.maximumPageSize(), searches);
        RestfulServer server = new FhirServlet(context);
        server.setServerName("Yiwang");
        server.setServerVersion(FhirConfiguration.class.getPackage().getImplementationVersion() == null ? "dev"
                : FhirConfiguration.class.getPackage().getImplementationVersion());
        server.setImplementationDescription("Yiwang (医网) county health platform: FHIR R4 API");
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setResourceProviders(providers);
        server.registerProviders(List.of(everything,
                new TransactionProvider(patients, record, currentActor, new TransactionTemplate(transactionManager))));
        server.setPagingProvider(paging);
        server.registerInterceptor(new OperationOutcomeErrors(messages));
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** 401/403 of the API-token chain as an OperationOutcome for FHIR clients (the chain answers problem+json). */
    @Bean
    FilterRegistrationBean<AuthenticationOutcomeFilter> fhirAuthenticationOutcomeFilter(FhirContext context) {
        FilterRegistrationBean<AuthenticationOutcomeFilter> registration =
                new FilterRegistrationBean<>(new AuthenticationOutcomeFilter(context));
        registration.addUrlPatterns("/fhir/*");
        registration.setName("fhirAuthenticationOutcome");
        // outside Spring Security's filter chain, so that it sees what the chain's entry point writes
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
