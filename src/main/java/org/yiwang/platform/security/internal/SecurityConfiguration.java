package org.yiwang.platform.security.internal;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Two filter chains: the system-to-system API (bearer tokens per organisation, stateless, answers in
 * problem+json) and the browser UI (form login with CSRF, sessions in PostgreSQL). Everything needs
 * authentication except the login page, static files and health probes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableMethodSecurity
class SecurityConfiguration {

    static final String[] PUBLIC_PATHS = {
        "/login", "/login/resident", "/login/resident/**", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
        "/actuator/health", "/actuator/health/**"
    };

    /**
     * Password first, account status after: a locked or disabled account answers like a wrong password unless
     * the right password is given, so login names cannot be probed.
     */
    @Bean
    DaoAuthenticationProvider authenticationProvider(AccountUserDetailsService users, PasswordEncoder encoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        provider.setPreAuthenticationChecks(user -> {
        });
        provider.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        return provider;
    }

    /**
     * No Spring Security observations. Disabling them by name only made them no-ops: each of a dozen filters stayed
     * wrapped in an observation on every request. Request timings per endpoint ({@code http.server.requests}) stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiClients clients) throws Exception {
        http.securityMatcher("/api/**", "/fhir/**", "/actuator/prometheus")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // a token client has no session to return to or log out of: those filters only cost time per call
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new ApiTokenAuthenticationFilter(clients), UsernamePasswordAuthenticationFilter.class)
                // FHIR clients read the CapabilityStatement before they authenticate (it holds no personal data)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/fhir/metadata").permitAll()
                        .anyRequest().hasAuthority(ApiTokenAuthenticationFilter.API_CLIENT_AUTHORITY))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                                "A valid API token is required: send 'Authorization: Bearer <token>'."))
                        .accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                                "This API client may not use this resource.")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webFilterChain(HttpSecurity http, LoginSuccessHandler success, LoginFailureHandler failure,
            SecurityContextRepository contextRepository, Clock clock,
            @Value("${spring.session.timeout:${server.servlet.session.timeout:30m}}") Duration idleTimeout)
            throws Exception {
        // SEC-04 (b): idle timeout that a live page's background polls do not defeat
        http.addFilterAfter(new IdleTimeoutFilter(clock, idleTimeout), SecurityContextHolderFilter.class);
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers("/actuator/**", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**",
                                "/swagger-ui.html").hasRole("SYSTEM_ADMIN")
                        .anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(contextRepository))
                .formLogin(form -> form.loginPage("/login").successHandler(success).failureHandler(failure).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; "
                                + "form-action 'self'; base-uri 'self'"))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    private static void problem(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String detail)
            throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }
}
