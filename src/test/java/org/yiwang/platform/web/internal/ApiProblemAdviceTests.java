package org.yiwang.platform.web.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.platform.web.InvalidInputException;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** JSON API errors are RFC 9457 problem details, with one entry per invalid field. */
class ApiProblemAdviceTests {

    record Registration(@NotBlank(message = "name is required") String name,
            @Pattern(regexp = "\\d{17}[\\dX]", message = "must be 18 characters: 17 digits and a digit or X") String idNumber) {
    }

    @RestController
    static class RegistrationApi {

        @PostMapping("/api/v1/registrations")
        Registration register(@Valid @RequestBody Registration registration) {
            switch (registration.name()) {
                case "boom" -> throw new IllegalStateException("database password is hunter2");
                case "tampered" -> throw new IllegalArgumentException("Ciphertext for 'mpi.resident.id_number' failed");
                case "wrong-digit" -> throw new InvalidInputException("check digit should be X, not 9");
                default -> {
                }
            }
            return registration;
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new RegistrationApi())
            .setControllerAdvice(new ApiProblemAdvice())
            .setValidator(validator())
            .build();

    private static LocalValidatorFactoryBean validator() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return validator;
    }

    @Test
    void invalidFieldsAreListedInAProblemDocument() throws Exception {
        mvc.perform(post("/api/v1/registrations").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\",\"idNumber\":\"12345\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[?(@.field == 'idNumber')].message")
                        .value("must be 18 characters: 17 digits and a digit or X"))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].message").value("name is required"));
    }

    @Test
    void invalidInputIsABadRequestWithItsMessage() throws Exception {
        mvc.perform(post("/api/v1/registrations").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"wrong-digit\",\"idNumber\":\"110105194912310029\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("check digit should be X, not 9"));
    }

    @Test
    void serverFaultsThatHappenToBeIllegalArgumentsStayServerErrors() throws Exception {
        mvc.perform(post("/api/v1/registrations").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"tampered\",\"idNumber\":\"11010519491231002X\"}"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("mpi.resident"))));
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() throws Exception {
        mvc.perform(post("/api/v1/registrations").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void unexpectedFailuresRevealNoInternals() throws Exception {
        mvc.perform(post("/api/v1/registrations").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"boom\",\"idNumber\":\"11010519491231002X\"}"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("hunter2"))))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("X-Request-Id")));
    }
}
