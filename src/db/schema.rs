//! Table definitions, written by hand with portable types only
//! (Text, BigInt, Integer, Bool, Timestamp).

diesel::table! {
    instance_settings (key) {
        key -> Text,
        value -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    write_lock (id) {
        id -> Integer,
        n -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        lang -> Text,
        email_verified_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    user_roles (user_id, role) {
        user_id -> Text,
        role -> Text,
        granted_at -> Timestamp,
        granted_by -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        ip -> Text,
        user_agent -> Text,
    }
}

diesel::table! {
    account_tokens (id) {
        id -> Text,
        user_id -> Text,
        purpose -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> Text,
        email -> Text,
        ip -> Text,
        at -> Timestamp,
        success -> Bool,
    }
}

diesel::joinable!(user_roles -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(account_tokens -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(users, user_roles, sessions, account_tokens);

diesel::table! {
    audit_log (id) {
        id -> Text,
        seq -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_label -> Text,
        action -> Text,
        subject_type -> Text,
        subject_id -> Nullable<Text>,
        competition_id -> Nullable<Text>,
        details -> Text,
        details_sha256 -> Text,
        public -> Bool,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    mail_outbox (id) {
        id -> Text,
        created_at -> Timestamp,
        to_address -> Text,
        to_name -> Nullable<Text>,
        lang -> Text,
        template -> Text,
        data -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_by -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    competitions (id) {
        id -> Text,
        code -> Nullable<Text>,
        state -> Text,
        owner_id -> Text,
        title_uk -> Text,
        title_en -> Text,
        search_text -> Text,
        draft_json -> Text,
        opens_at -> Nullable<Timestamp>,
        closes_at -> Nullable<Timestamp>,
        fund_kopiyky -> Nullable<BigInt>,
        cap_kopiyky -> Nullable<BigInt>,
        rules_json -> Nullable<Text>,
        rules_sha256 -> Nullable<Text>,
        announced_at -> Nullable<Timestamp>,
        cancel_reason -> Nullable<Text>,
        state_changed_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    competition_criteria (id) {
        id -> Text,
        competition_id -> Text,
        number -> Integer,
        name -> Text,
        description -> Text,
        max_points -> Integer,
        weight -> Integer,
    }
}

diesel::table! {
    competition_required_documents (id) {
        id -> Text,
        competition_id -> Text,
        number -> Integer,
        name -> Text,
        description -> Text,
        required -> Bool,
        max_size_mb -> Integer,
    }
}

diesel::table! {
    competition_amendments (id) {
        id -> Text,
        competition_id -> Text,
        seq -> Integer,
        kind -> Text,
        reason -> Text,
        clarification -> Nullable<Text>,
        closes_at_before -> Nullable<Timestamp>,
        closes_at_after -> Nullable<Timestamp>,
        fund_before -> Nullable<BigInt>,
        fund_after -> Nullable<BigInt>,
        author_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    competition_transitions (id) {
        id -> Text,
        competition_id -> Text,
        from_state -> Text,
        to_state -> Text,
        reason -> Nullable<Text>,
        actor_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(competitions -> users (owner_id));
diesel::joinable!(competition_criteria -> competitions (competition_id));
diesel::joinable!(competition_required_documents -> competitions (competition_id));
diesel::joinable!(competition_amendments -> competitions (competition_id));
diesel::joinable!(competition_amendments -> users (author_id));
diesel::joinable!(competition_transitions -> competitions (competition_id));
diesel::allow_tables_to_appear_in_same_query!(
    competitions,
    competition_criteria,
    competition_required_documents,
    competition_amendments,
    competition_transitions,
    users,
);

diesel::table! {
    proposals (id) {
        id -> Text,
        competition_id -> Text,
        organization_id -> Text,
        created_by -> Text,
        state -> Text,
        title -> Text,
        draft_json -> Text,
        requested_kopiyky -> Nullable<BigInt>,
        seq -> Nullable<Integer>,
        registration_number -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        submitted_by -> Nullable<Text>,
        snapshot_json -> Nullable<Text>,
        receipt_sha256 -> Nullable<Text>,
        withdrawn_at -> Nullable<Timestamp>,
        decision_reason -> Nullable<Text>,
        decision_text -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
        correction_until -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    proposal_documents (id) {
        id -> Text,
        proposal_id -> Text,
        required_document_id -> Text,
        storage_key -> Text,
        file_name -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        pages -> Integer,
        text_chars -> BigInt,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
    }
}

diesel::joinable!(proposals -> competitions (competition_id));
diesel::joinable!(proposal_documents -> proposals (proposal_id));
diesel::allow_tables_to_appear_in_same_query!(proposals, proposal_documents, competitions);
diesel::allow_tables_to_appear_in_same_query!(proposals, users);

diesel::table! {
    organizations (id) {
        id -> Text,
        edrpou -> Text,
        full_name -> Text,
        short_name -> Text,
        legal_form -> Text,
        registered_on -> Text,
        oblast -> Text,
        address -> Text,
        email -> Text,
        phone -> Text,
        website -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    organization_members (organization_id, user_id) {
        organization_id -> Text,
        user_id -> Text,
        role -> Text,
        added_at -> Timestamp,
        added_by -> Nullable<Text>,
    }
}

diesel::table! {
    organization_invitations (id) {
        id -> Text,
        organization_id -> Text,
        email -> Text,
        token_hash -> Text,
        invited_by -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        accepted_by -> Nullable<Text>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    organization_join_requests (id) {
        id -> Text,
        organization_id -> Text,
        user_id -> Text,
        message -> Text,
        created_at -> Timestamp,
        dismissed_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(organization_members -> organizations (organization_id));
diesel::joinable!(organization_members -> users (user_id));
diesel::joinable!(organization_join_requests -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    organization_members,
    organization_invitations,
    organization_join_requests,
    users
);

diesel::joinable!(proposals -> organizations (organization_id));
diesel::allow_tables_to_appear_in_same_query!(proposals, organizations);
diesel::allow_tables_to_appear_in_same_query!(proposals, organization_members);
diesel::allow_tables_to_appear_in_same_query!(organizations, competitions);

// Jury review (migration 000600_review).

diesel::table! {
    jurors (id) {
        id -> Text,
        competition_id -> Text,
        email -> Text,
        full_name -> Text,
        role -> Text,
        label_number -> Integer,
        user_id -> Nullable<Text>,
        token_hash -> Nullable<Text>,
        invited_by -> Text,
        invited_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        removed_at -> Nullable<Timestamp>,
        affiliations_note -> Text,
        affiliations_updated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    juror_affiliations (id) {
        id -> Text,
        juror_id -> Text,
        edrpou -> Text,
        relation -> Text,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    review_assignments (id) {
        id -> Text,
        competition_id -> Text,
        juror_id -> Text,
        proposal_id -> Text,
        origin -> Text,
        coi -> Text,
        coi_comment -> Nullable<Text>,
        coi_declared_at -> Nullable<Timestamp>,
        active -> Bool,
        submitted_at -> Nullable<Timestamp>,
        round2_submitted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    review_scores (id) {
        id -> Text,
        assignment_id -> Text,
        round -> Integer,
        criterion_id -> Text,
        points -> Nullable<Integer>,
        comment -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    defence_sessions (id) {
        id -> Text,
        competition_id -> Text,
        starts_at -> Timestamp,
        place -> Text,
        online_url -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        cancelled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    defence_slots (session_id, proposal_id) {
        session_id -> Text,
        proposal_id -> Text,
        position -> Integer,
    }
}

diesel::table! {
    review_closures (competition_id) {
        competition_id -> Text,
        closed_at -> Timestamp,
        closed_by -> Text,
        reason -> Nullable<Text>,
        missing_json -> Text,
    }
}

diesel::table! {
    review_overrides (id) {
        id -> Text,
        competition_id -> Text,
        proposal_id -> Text,
        action -> Text,
        amount_kopiyky -> Nullable<BigInt>,
        reason -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    competition_results (competition_id) {
        competition_id -> Text,
        document -> Text,
        sha256 -> Text,
        finalized_at -> Timestamp,
        finalized_by -> Text,
        published_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(juror_affiliations -> jurors (juror_id));
diesel::joinable!(review_assignments -> jurors (juror_id));
diesel::joinable!(review_assignments -> proposals (proposal_id));
diesel::joinable!(review_scores -> review_assignments (assignment_id));
diesel::joinable!(review_scores -> competition_criteria (criterion_id));
diesel::joinable!(defence_slots -> defence_sessions (session_id));
diesel::joinable!(defence_slots -> proposals (proposal_id));
diesel::joinable!(review_overrides -> proposals (proposal_id));
diesel::joinable!(jurors -> competitions (competition_id));
diesel::allow_tables_to_appear_in_same_query!(
    jurors,
    juror_affiliations,
    review_assignments,
    review_scores,
    defence_sessions,
    defence_slots,
    review_closures,
    review_overrides,
    competition_results,
);
diesel::allow_tables_to_appear_in_same_query!(proposals, jurors);
diesel::allow_tables_to_appear_in_same_query!(proposals, juror_affiliations);
diesel::allow_tables_to_appear_in_same_query!(proposals, review_assignments);
diesel::allow_tables_to_appear_in_same_query!(proposals, review_scores);
diesel::allow_tables_to_appear_in_same_query!(proposals, defence_sessions);
diesel::allow_tables_to_appear_in_same_query!(proposals, defence_slots);
diesel::allow_tables_to_appear_in_same_query!(proposals, review_closures);
diesel::allow_tables_to_appear_in_same_query!(proposals, review_overrides);
diesel::allow_tables_to_appear_in_same_query!(proposals, competition_results);
diesel::allow_tables_to_appear_in_same_query!(organizations, jurors);
diesel::allow_tables_to_appear_in_same_query!(organizations, juror_affiliations);
diesel::allow_tables_to_appear_in_same_query!(organizations, review_assignments);
diesel::allow_tables_to_appear_in_same_query!(organizations, review_scores);
diesel::allow_tables_to_appear_in_same_query!(organizations, defence_sessions);
diesel::allow_tables_to_appear_in_same_query!(organizations, defence_slots);
diesel::allow_tables_to_appear_in_same_query!(organizations, review_closures);
diesel::allow_tables_to_appear_in_same_query!(organizations, review_overrides);
diesel::allow_tables_to_appear_in_same_query!(organizations, competition_results);
diesel::allow_tables_to_appear_in_same_query!(organization_members, jurors);
diesel::allow_tables_to_appear_in_same_query!(organization_members, juror_affiliations);
diesel::allow_tables_to_appear_in_same_query!(organization_members, review_assignments);
diesel::allow_tables_to_appear_in_same_query!(organization_members, review_scores);
diesel::allow_tables_to_appear_in_same_query!(organization_members, defence_sessions);
diesel::allow_tables_to_appear_in_same_query!(organization_members, defence_slots);
diesel::allow_tables_to_appear_in_same_query!(organization_members, review_closures);
diesel::allow_tables_to_appear_in_same_query!(organization_members, review_overrides);
diesel::allow_tables_to_appear_in_same_query!(organization_members, competition_results);
diesel::allow_tables_to_appear_in_same_query!(competitions, jurors);
diesel::allow_tables_to_appear_in_same_query!(competitions, juror_affiliations);
diesel::allow_tables_to_appear_in_same_query!(competitions, review_assignments);
diesel::allow_tables_to_appear_in_same_query!(competitions, review_scores);
diesel::allow_tables_to_appear_in_same_query!(competitions, defence_sessions);
diesel::allow_tables_to_appear_in_same_query!(competitions, defence_slots);
diesel::allow_tables_to_appear_in_same_query!(competitions, review_closures);
diesel::allow_tables_to_appear_in_same_query!(competitions, review_overrides);
diesel::allow_tables_to_appear_in_same_query!(competitions, competition_results);
diesel::allow_tables_to_appear_in_same_query!(competition_criteria, jurors);
diesel::allow_tables_to_appear_in_same_query!(competition_criteria, juror_affiliations);
diesel::allow_tables_to_appear_in_same_query!(competition_criteria, review_assignments);
diesel::allow_tables_to_appear_in_same_query!(competition_criteria, review_scores);
diesel::allow_tables_to_appear_in_same_query!(competition_criteria, defence_sessions);
diesel::allow_tables_to_appear_in_same_query!(competition_criteria, defence_slots);
diesel::allow_tables_to_appear_in_same_query!(competition_criteria, review_closures);
diesel::allow_tables_to_appear_in_same_query!(competition_criteria, review_overrides);
diesel::allow_tables_to_appear_in_same_query!(competition_criteria, competition_results);
diesel::allow_tables_to_appear_in_same_query!(proposal_documents, jurors);
diesel::allow_tables_to_appear_in_same_query!(proposal_documents, juror_affiliations);
diesel::allow_tables_to_appear_in_same_query!(proposal_documents, review_assignments);
diesel::allow_tables_to_appear_in_same_query!(proposal_documents, review_scores);
diesel::allow_tables_to_appear_in_same_query!(proposal_documents, defence_sessions);
diesel::allow_tables_to_appear_in_same_query!(proposal_documents, defence_slots);
diesel::allow_tables_to_appear_in_same_query!(proposal_documents, review_closures);
diesel::allow_tables_to_appear_in_same_query!(proposal_documents, review_overrides);
diesel::allow_tables_to_appear_in_same_query!(proposal_documents, competition_results);
diesel::allow_tables_to_appear_in_same_query!(users, jurors);
diesel::allow_tables_to_appear_in_same_query!(users, juror_affiliations);
diesel::allow_tables_to_appear_in_same_query!(users, review_assignments);
diesel::allow_tables_to_appear_in_same_query!(users, review_scores);
diesel::allow_tables_to_appear_in_same_query!(users, defence_sessions);
diesel::allow_tables_to_appear_in_same_query!(users, defence_slots);
diesel::allow_tables_to_appear_in_same_query!(users, review_closures);
diesel::allow_tables_to_appear_in_same_query!(users, review_overrides);
diesel::allow_tables_to_appear_in_same_query!(users, competition_results);
