package com.autotrader.access;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who may do what. Open: health, prometheus, the read-only results API and its OpenAPI document. Login
 * (HTTP Basic, ADMIN_USERNAME / ADMIN_PASSWORD) or the X-API-Key header: everything that acts (analyses,
 * trading), Hawtio, Jolokia and the rest of actuator. Analyses asked for from this machine itself (loopback,
 * not forwarded by a proxy) are allowed without login while ADMIN_TRUST_LOOPBACK is true, so the first
 * {@code curl -X POST localhost:8000/api/analyze/upbit/BTC} works on a fresh install.
 */
@Configuration
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String API_KEY_HEADER = "X-API-Key";

    @Bean
    public SecurityFilterChain securityFilterChain(HttpSecurity http, AdminCredentials admin,
                                                   @Value("${admin.trust-loopback:true}") boolean trustLoopback)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"auto-trader\"");
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"unauthorized\",\"detail\":\"log in (HTTP Basic, ADMIN_USERNAME / "
                    + "ADMIN_PASSWORD) or send the X-API-Key header\"}");
        };
        if (trustLoopback) {
            LOG.info("Analyses asked for from this machine need no login (ADMIN_TRUST_LOOPBACK=true); "
                    + "set it to false when a reverse proxy runs on this machine");
        }
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .addFilterBefore(new ApiKeyFilter(admin, unauthorized), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // Camel answers REST calls asynchronously: the request was authorized on its way in,
                        // the async (and error) dispatch that writes the answer carries no login of its own
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/favicon.ico", "/assets/**",
                                "/api/results", "/api/results/**", "/api/statistics", "/api/scorecard", "/api/ui-config", "/api/openapi.json").permitAll()
                        .requestMatchers(fromThisMachine(trustLoopback, "/api/analyze/")).permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    public UserDetailsService users(AdminCredentials admin, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(User.withUsername(admin.username())
                .password(encoder.encode(admin.password())).roles("ADMIN").build());
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** POSTs under {@code prefix} from loopback that no proxy forwarded. */
    static RequestMatcher fromThisMachine(boolean enabled, String prefix) {
        return request -> enabled && "POST".equals(request.getMethod())
                && request.getRequestURI().startsWith(prefix)
                && request.getHeader("X-Forwarded-For") == null && request.getHeader("Forwarded") == null
                && request.getHeader("X-Real-IP") == null && isLoopback(request.getRemoteAddr());
    }

    static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** X-API-Key on /api/**: the right key logs the request in, a wrong one is refused outright. */
    static final class ApiKeyFilter extends OncePerRequestFilter {
        private final AdminCredentials admin;
        private final AuthenticationEntryPoint unauthorized;

        ApiKeyFilter(AdminCredentials admin, AuthenticationEntryPoint unauthorized) {
            this.admin = admin;
            this.unauthorized = unauthorized;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String key = request.getHeader(API_KEY_HEADER);
            if (key != null && request.getRequestURI().startsWith("/api/")) {
                if (!admin.isApiKey(key)) {
                    unauthorized.commence(request, response, null);
                    return;
                }
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "api-key", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
            }
            chain.doFilter(request, response);
        }
    }
}
