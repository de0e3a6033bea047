package dev.larder.it.agent.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A tiny Spring Boot application with Spring's caching off (no {@code @EnableCaching}): asks its {@link Quotes} bean for
 * one quote three times and prints how often the method ran. With argument {@code enable-caching} it also loads a
 * class that turns Spring's caching on, which the agent warns about.
 */
@Configuration(proxyBeanMethods = false)
public class BootApp {
    @Bean
    Quotes quotes() {
        return new Quotes();
    }

    public static void main(String[] args) throws ClassNotFoundException {
        if (args.length > 0 && args[0].equals("enable-caching")) {
            Class.forName("dev.larder.it.agent.boot.CachingOn");
        }
        SpringApplication application = new SpringApplication(BootApp.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run(args)) {
            Quotes quotes = context.getBean(Quotes.class);
            for (int i = 0; i < 3; i++) {
                quotes.quote("ACME");
            }
            System.out.println("runs " + quotes.runs());
        }
    }
}
