package dev.siyu.action;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The wire name of an {@link Action} type. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ActionType {
    String value();
}
