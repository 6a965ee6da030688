package org.yiwang.registry.web;

import java.util.ArrayList;
import java.util.List;
import org.yiwang.registry.PractitionerDetail;

/** The practitioner form as submitted; only the editable fields, as typed. */
public class PractitionerFormBean {

    private String name = "";
    private String sexCode = "";
    private String profession = "";
    private String title = "";
    private String department = "";
    private String licenceNumber = "";
    private String organisationId = "";
    private List<String> specialties = new ArrayList<>();
    /** Kept practice sites as {@code organisationId:ROLE}. */
    private List<String> sites = new ArrayList<>();
    private String newSiteOrganisationId = "";
    private String newSiteRole = "";
    private boolean active = true;
    private int version;

    static PractitionerFormBean of(PractitionerDetail p) {
        PractitionerFormBean bean = new PractitionerFormBean();
        bean.name = p.summary().name();
        bean.sexCode = String.valueOf(p.summary().sexCode());
        bean.profession = p.summary().profession().name();
        bean.title = p.summary().title();
        bean.department = p.summary().specialty() == null ? "" : p.summary().specialty();
        bean.licenceNumber = p.summary().licenceNumber() == null ? "" : p.summary().licenceNumber();
        bean.organisationId = String.valueOf(p.summary().organisationId());
        bean.specialties = new ArrayList<>(p.specialties().stream().map(Enum::name).toList());
        bean.sites = new ArrayList<>(p.sites().stream().map(s -> s.organisationId() + ":" + s.role().name()).toList());
        bean.active = p.active();
        bean.version = p.version();
        return bean;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getSexCode() { return sexCode; }
    public void setSexCode(String sexCode) { this.sexCode = sexCode; }
    public String getProfession() { return profession; }
    public void setProfession(String profession) { this.profession = profession; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDepartment() { return department; }
    public void setDepartment(String department) { this.department = department; }
    public String getLicenceNumber() { return licenceNumber; }
    public void setLicenceNumber(String licenceNumber) { this.licenceNumber = licenceNumber; }
    public String getOrganisationId() { return organisationId; }
    public void setOrganisationId(String organisationId) { this.organisationId = organisationId; }
    public List<String> getSpecialties() { return specialties; }
    public void setSpecialties(List<String> specialties) { this.specialties = specialties == null ? new ArrayList<>() : specialties; }
    public List<String> getSites() { return sites; }
    public void setSites(List<String> sites) { this.sites = sites == null ? new ArrayList<>() : sites; }
    public String getNewSiteOrganisationId() { return newSiteOrganisationId; }
    public void setNewSiteOrganisationId(String newSiteOrganisationId) { this.newSiteOrganisationId = newSiteOrganisationId; }
    public String getNewSiteRole() { return newSiteRole; }
    public void setNewSiteRole(String newSiteRole) { this.newSiteRole = newSiteRole; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
